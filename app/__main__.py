from app.entry import entry

entry()
