#!/usr/bin/env python3
"""Lists the catalog entries (missing or partial) of one rule-writing batch.

Batches split providers alphabetically (case-insensitive) so that each provider's file has one
owner; the generic entries (Generic*, JWT, PKCS, Create React App) form their own batch.
Usage: catalog_batch.py BATCH [CATALOG]   (BATCH: b0..b5 or generic; --all for covered too)
"""
import sys
import tomllib

BOUNDS = ["", "coderabbit", "friendliai", "madkudu", "prefect", "surveybot", "\uffff"]
GENERIC = ("generic", "jwt", "pkcs", "create react app")
ENGINE = ("kubernetes",)  # covered by decoding in the engine, not by a rule file


def batch_of(provider):
    p = provider.lower()
    if p.startswith(GENERIC):
        return "generic"
    if p.startswith(ENGINE):
        return "engine"
    for i in range(6):
        if BOUNDS[i] <= p < BOUNDS[i + 1]:
            return f"b{i}"
    return "b5"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    batch = args[0]
    path = args[1] if len(args) > 1 else "../shared/catalog/credentials.toml"
    with open(path, "rb") as f:
        cat = tomllib.load(f)["credential"]
    for c in cat:
        if batch_of(c["provider"]) != batch:
            continue
        if c["nhiscan"].startswith("covered") and "--all" not in sys.argv:
            continue
        print("[[credential]]")
        for k, v in c.items():
            print(f"{k} = {v!r}")
        print()


if __name__ == "__main__":
    main()
