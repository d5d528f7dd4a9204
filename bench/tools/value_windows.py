#!/usr/bin/env python3
"""Share of a corpus's bytes within reach of a value-shaped run: the windows a keyword rule's
words would have to be searched in if its values were found first (a word may sit up to about
1,100 bytes before its value and 700 after it). Measured in docs/benchmarks.md ("Two redesigns
measured and rejected").

  bench/tools/value_windows.py CORPUS.bin
"""
import re
import sys

BEFORE, AFTER = 1100, 700
DIGIT, LETTER, UPPER, LOWER = (re.compile(x) for x in (rb"[0-9]", rb"[A-Za-z]", rb"[A-Z]", rb"[a-z]"))


def coverage(data, run, keep):
    spans, n = [], 0
    for m in run.finditer(data):
        if keep(m.group(0)):
            n += 1
            spans.append((max(0, m.start() - BEFORE), min(len(data), m.end() + AFTER)))
    covered, start, end = 0, -1, -1
    for a, b in spans:  # finditer yields them in order of their start
        if a > end:
            covered += max(0, end - start)
            start, end = a, b
        else:
            end = max(end, b)
    covered += max(0, end - start)
    return n, covered / len(data)


def main():
    data = open(sys.argv[1], "rb").read()
    runs = {n: re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d,}(?![A-Za-z0-9])" % n) for n in (20, 32)}
    cases = [
        ("runs of 20+ letters and digits", runs[20], lambda t: True),
        ("... with a digit and a letter", runs[20], lambda t: DIGIT.search(t) and LETTER.search(t)),
        ("... with a digit, an upper- and a lower-case letter", runs[20],
         lambda t: DIGIT.search(t) and UPPER.search(t) and LOWER.search(t)),
        ("runs of 32+ with a digit and a letter", runs[32], lambda t: DIGIT.search(t) and LETTER.search(t)),
        ("UUIDs", re.compile(rb"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"),
         lambda t: True),
    ]
    for label, run, keep in cases:
        n, share = coverage(data, run, keep)
        print(f"{label}: {n} runs, windows cover {share:.1%} of the bytes")


if __name__ == "__main__":
    main()
