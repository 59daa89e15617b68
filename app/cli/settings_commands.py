"""`rizhi config`: the settings kept in the store, which the window, the command line
and any background process share (app/domain/settings.py says which there are)."""

from __future__ import annotations

import argparse

from app.cli.common import EXIT_OK, open_store
from app.cli.output import print_json
from app.domain.settings import SETTINGS


def cmd_config(args: argparse.Namespace) -> int:
    from app.services.settings import get_setting, set_settings, setting_texts

    store = open_store()
    action = args.config_action or "list"
    if action == "get":
        print(get_setting(store, args.key))
        return EXIT_OK
    if action == "set":
        set_settings(store, {args.key: args.value})
        print(f"{args.key} = {get_setting(store, args.key)}")
        return EXIT_OK
    texts = setting_texts(store)
    if args.json:
        print_json(texts)
        return EXIT_OK
    width = max(len(key) for key in texts)
    for key, text in texts.items():
        print(f"{key:<{width}}  {text:<8}  {SETTINGS[key].describe}")
    return EXIT_OK


def configure(p: argparse.ArgumentParser) -> None:
    p.set_defaults(json=False)
    actions = p.add_subparsers(dest="config_action", metavar="ACTION")
    listing = actions.add_parser("list", help="every setting with its value (the default)")
    listing.add_argument("--json", action="store_true", help="print JSON: key to value")
    get = actions.add_parser("get", help="print one setting's value")
    get.add_argument("key", metavar="KEY", help=", ".join(SETTINGS))
    put = actions.add_parser("set", help="change a setting (a bad value changes nothing)")
    put.add_argument("key", metavar="KEY", help=", ".join(SETTINGS))
    put.add_argument("value", metavar="VALUE")
