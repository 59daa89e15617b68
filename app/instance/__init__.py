"""One running Rizhi per user and data folder, reached without Qt.

The running instance (the window, or the process started with `rizhi --background`)
listens on a Unix-domain socket; `rizhi` and `rizhi capture` talk to it through this
package, which imports no Qt, so those commands stay as fast as the rest of the command
line. The Qt side, which listens, is app/ui/instance_server.py.

    address.py       where the instance for a data folder listens, and its lock file
    protocol.py      one line of JSON each way: the requests and the replies
    client.py        send one request; None when no instance listens
    running.py       the instance for this process's data folder
    startup_lock.py  the lock that makes two starts at the same moment end with one
    launcher.py      start `rizhi --background` and wait until it answers
    restart.py       the instance starting itself again (a newer schema), and its note
    autostart.py     the XDG autostart entry that starts Rizhi at login
    errors.py        InstanceError (exit code 3)
"""
