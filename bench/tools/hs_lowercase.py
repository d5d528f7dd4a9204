#!/usr/bin/env python3
"""Rewrite a TSV of Hyperscan patterns (bench/tools/hs_split.py) to run case-sensitively on a
lowercased copy of the text, for `hs_sets CORPUS lower:SET`: literal letters lowercased, `(?i)`
flags dropped, and each bracket class mapped to what its members become once lowercased (a
negated class keeps a letter only when it excluded both cases). The rewritten set matches a
superset of the original's matches, at the same offsets, so RE2 could confirm on the original
text. Measured in docs/benchmarks.md ("Two redesigns measured and rejected").

  bench/tools/hs_lowercase.py all.tsv > all-lower.tsv
"""
import sys

CLASS_ESCAPES = set("wWdDsS")
SIMPLE = {"n": 10, "t": 9, "r": 13, "f": 12, "v": 11}


def is_letter(c):
    return c.isascii() and c.isalpha()


def byte_text(b):
    c = chr(b)
    return c if c.isascii() and c.isalnum() else "\\x%02x" % b


def class_text(members):
    out, bs, i = [], sorted(members), 0
    while i < len(bs):
        j = i
        while j + 1 < len(bs) and bs[j + 1] == bs[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(byte_text(bs[i]) + "-" + byte_text(bs[j]))
        else:
            out.extend(byte_text(bs[k]) for k in range(i, j + 1))
        i = j + 1
    return "".join(out)


def escape(p, i):
    """(kind, value, next index) of the escape at p[i]: kind 'byte', 'class' or 'anchor'."""
    c = p[i + 1]
    if c == "x":
        if p[i + 2] == "{":
            j = p.index("}", i + 2)
            return "byte", int(p[i + 3:j], 16), j + 1
        return "byte", int(p[i + 2:i + 4], 16), i + 4
    if c in CLASS_ESCAPES:
        return "class", "\\" + c, i + 2
    if c in "bBAzZ":
        return "anchor", "\\" + c, i + 2
    if c in SIMPLE:
        return "byte", SIMPLE[c], i + 2
    if c.isalnum():
        raise ValueError(f"unsupported escape \\{c}")
    return "byte", ord(c), i + 2


def lowered_class(members, escapes, negated, caseless):
    if caseless:
        members = members | {ord(chr(b).swapcase()) for b in members if is_letter(chr(b))}
    kept = set()
    for b in members:
        c = chr(b)
        if not is_letter(c):
            kept.add(b)
        elif not negated or (ord(c.lower()) in members and ord(c.upper()) in members):
            kept.add(ord(c.lower()))
    return "[" + ("^" if negated else "") + class_text(kept) + "".join(escapes) + "]"


def lower_pattern(p):
    out, i, stack, caseless = [], 0, [], False
    while i < len(p):
        c = p[i]
        if c == "\\":
            kind, value, i = escape(p, i)
            if kind == "byte":
                out.append(chr(value).lower() if is_letter(chr(value)) else byte_text(value))
            else:
                out.append(value)
        elif c == "[":
            j, negated = i + 1, p[i + 1] == "^"
            j += negated
            members, escapes, first = set(), [], True
            while first or p[j] != "]":
                first = False
                if p[j] == "\\":
                    kind, lo, j = escape(p, j)
                    if kind == "class":
                        escapes.append(lo)
                        continue
                else:
                    lo, j = ord(p[j]), j + 1
                if p[j] == "-" and p[j + 1] != "]":
                    j += 1
                    if p[j] == "\\":
                        _, hi, j = escape(p, j)
                    else:
                        hi, j = ord(p[j]), j + 1
                    members.update(range(lo, hi + 1))
                else:
                    members.add(lo)
            out.append(lowered_class(members, escapes, negated, caseless))
            i = j + 1
        elif c == "(" and p.startswith("(?", i) and p[i + 2] not in ":P<=!":
            j = i + 2
            while p[j] not in ":)":
                j += 1
            on, _, off = p[i + 2:j].partition("-")
            now = True if "i" in on else False if "i" in off else caseless
            flags = on.replace("i", "") + ("-" + off.replace("i", "") if off.replace("i", "") else "")
            if p[j] == ")":  # (?flags) applies to the rest of the enclosing group
                caseless = now
                out.append(f"(?{flags})" if flags else "")
            else:
                stack.append(caseless)
                caseless = now
                out.append(f"(?{flags}:")
            i = j + 1
        elif c == "(":
            stack.append(caseless)
            out.append(c)
            i += 1
        elif c == ")":
            caseless = stack.pop() if stack else caseless
            out.append(c)
            i += 1
        elif c == "{":
            j = p.index("}", i)
            out.append(p[i:j + 1])
            i = j + 1
        else:
            out.append(c.lower() if is_letter(c) else c)
            i += 1
    return "".join(out)


def main():
    for line in open(sys.argv[1]):
        rid, pattern = line.rstrip("\n").split("\t", 1)
        print(f"{rid}\t{lower_pattern(pattern)}")


if __name__ == "__main__":
    main()
