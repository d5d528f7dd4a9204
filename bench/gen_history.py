#!/usr/bin/env python3
"""Builds a git history for `nhiscan git` / `nhiscan staged` benchmarks by replaying text
that ships with Debian as many commits, through `git fast-import`.

The first commit imports a set of text files; every later commit edits a few of them
(a line-aligned region is replaced by lines from another system file, so every version is
a new, realistic blob), sometimes adds a file, deletes one or renames one. Every 500
commits a topic branch of two commits is merged back; every 2500 commits gets a tag.
A known number of fake secrets is planted in commits spread over the history (some are
edited away later: they stay in history). Afterwards the repository is repacked with
deltas (`git gc`), as a real one would be.

Presets (blob content is the sum of unique blob sizes, measured after the build):
  small   2,000 commits,  ~6.6k blobs, ~0.1 GB
  medium 10,000 commits,   ~37k blobs, ~0.6 GB
  large  60,000 commits,  ~340k blobs, ~4 GB   (git/git: 262k blobs, 8.1 GB)
  staged 80,000 commits, small files (<= 8 KB), checked out: the pre-commit latency repo

  bench/gen_history.py --scale small
  bench/gen_history.py --scale medium --commits 20000      # override any knob

Writes OUT/history-NAME/ (a normal repository; only the `staged` preset is checked out)
and OUT/history-NAME.json (parameters, sizes, planted secrets).
"""
import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

PRESETS = {
    #          commits initial fpc  p_add max_kb secrets checkout
    "tiny":   (300,    300,    2,   0.2,  256,   10,     False),
    "small":  (2000,   2000,   2,   0.3,  256,   20,     False),
    "medium": (10000,  4000,   3,   0.3,  256,   50,     False),
    "large":  (60000,  10000,  5,   0.3,  256,   200,    False),
    "staged": (80000,  3000,   1,   0.05, 8,     10,     True),
}
EPOCH = 1420070400  # 2015-01-01T00:00:00Z
AUTHORS = [(f"Dev {n}", f"dev{n}@example.com") for n in
           ("Ada", "Brook", "Chen", "Dara", "Eli", "Fern", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lin")]


class Stream:
    """Writes a git fast-import stream."""

    def __init__(self, out):
        self.out = out
        self.mark = 0

    def w(self, s: str):
        self.out.write(s.encode())

    def data(self, b: bytes):
        self.out.write(b"data %d\n" % len(b))
        self.out.write(b)
        self.out.write(b"\n")

    def commit(self, ref, when, author, msg, changes, parent=None, merge=None):
        """changes: list of ('M', path, bytes) / ('D', path). Returns the commit's mark."""
        self.mark += 1
        name, email = author
        self.w(f"commit {ref}\nmark :{self.mark}\n")
        self.w(f"author {name} <{email}> {when} +0000\ncommitter {name} <{email}> {when} +0000\n")
        self.data(msg.encode())
        if parent:
            self.w(f"from :{parent}\n")
        if merge:
            self.w(f"merge :{merge}\n")
        for ch in changes:
            if ch[0] == "M":
                self.w(f"M 100644 inline {ch[1]}\n")
                self.data(ch[2])
            else:
                self.w(f"D {ch[1]}\n")
        self.w("\n")
        return self.mark

    def tag(self, name, mark):
        self.w(f"reset refs/tags/{name}\nfrom :{mark}\n\n")


class Donors:
    """Random lines from system text files (small LRU of file contents)."""

    def __init__(self, pool, rng):
        self.pool = pool
        self.rng = rng
        self.cache = {}

    def chunk(self, nbytes: int) -> bytes:
        for _ in range(10):
            path = self.rng.choice(self.pool)[0]
            data = self.cache.get(path)
            if data is None:
                data = benchlib.read_text(path) or b""
                if len(self.cache) > 256:
                    self.cache.pop(next(iter(self.cache)))
                self.cache[path] = data
            if len(data) > 2:
                break
        n = len(data)
        if n == 0:
            return b"\n"
        a = self.rng.randrange(n)
        a = data.rfind(b"\n", 0, a) + 1
        b = data.find(b"\n", min(n, a + nbytes))
        b = n if b < 0 else b + 1
        return data[a:b]


def edit(content: bytes, donors: Donors, rng: random.Random, cap: int) -> bytes:
    """Replaces a line-aligned region of `content` with lines from another system file."""
    n = len(content)
    span = max(64, min(4096, n // 8))
    if n == 0:
        return donors.chunk(span)
    a = content.rfind(b"\n", 0, rng.randrange(n)) + 1
    dl = rng.randrange(span)
    b = content.find(b"\n", min(n, a + dl))
    b = n if b < 0 else b + 1
    insert = donors.chunk(rng.randrange(span)) if n < cap else b""
    new = content[:a] + insert + content[b:]
    if new == content:  # a no-op edit would not make a new blob
        new = content + donors.chunk(64)
    return new


def git(*args, cwd, **kw):
    return subprocess.run(["git", *args], cwd=cwd, check=True, **kw)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", choices=list(PRESETS), default="small")
    ap.add_argument("--name", help="corpus name (default: the preset name)")
    ap.add_argument("--commits", type=int)
    ap.add_argument("--initial-files", type=int)
    ap.add_argument("--files-per-commit", type=float, help="mean files edited per commit")
    ap.add_argument("--max-file-kb", type=int, help="largest system file taken into the history")
    ap.add_argument("--secrets", type=int, help="planted fake secrets")
    ap.add_argument("--checkout", action=argparse.BooleanOptionalAction, default=None,
                    help="check out main (default: only for the staged preset)")
    ap.add_argument("--repack", action=argparse.BooleanOptionalAction, default=True,
                    help="git gc after the import, for delta-compressed packs (default on)")
    ap.add_argument("--out", default=benchlib.BENCH_DIR)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--check-only", action="store_true", help="exit 2 if the corpus is missing or stale; build nothing")
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args()

    commits, initial, fpc, p_add, max_kb, n_secrets, checkout = PRESETS[a.scale]
    commits = a.commits or commits
    initial = a.initial_files or initial
    fpc = a.files_per_commit or fpc
    max_kb = a.max_file_kb or max_kb
    n_secrets = a.secrets if a.secrets is not None else n_secrets
    checkout = checkout if a.checkout is None else a.checkout
    name = a.name or a.scale
    params = {"commits": commits, "initial_files": initial, "files_per_commit": fpc, "p_add": p_add,
              "max_file_kb": max_kb, "secrets": n_secrets, "checkout": checkout, "repack": a.repack,
              "seed": a.seed, "version": 3}
    dest = os.path.join(a.out, f"history-{name}")
    manifest_path = dest + ".json"
    if not a.force and os.path.exists(manifest_path) and os.path.isdir(dest):
        m = benchlib.read_json(manifest_path)
        if m.get("params") == params:
            print(f"{dest}: up to date ({m['commits']} commits, {m['blobs']} blobs, "
                  f"{benchlib.human_bytes(m['blob_bytes'])} of blob content)")
            return 0

    if a.check_only:
        print(f"{dest}: missing or built with other parameters (run without --no-generate)", file=sys.stderr)
        return 2
    t0 = time.time()
    if os.path.exists(dest):
        shutil.rmtree(dest)
    if os.path.exists(manifest_path):
        os.remove(manifest_path)
    os.makedirs(dest)
    genv = dict(os.environ, GIT_CONFIG_NOSYSTEM="1")
    git("init", "-q", "-b", "main", dest, cwd=a.out, env=genv)
    git("config", "gc.auto", "0", cwd=dest)

    rng = random.Random(a.seed)
    pool = list(benchlib.iter_text_files(max_kb << 10, min_size=64))
    if not pool:
        print("no text files found", file=sys.stderr)
        return 2
    donors = Donors(pool, rng)
    cap = 2 * (max_kb << 10)

    fi = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=dest, stdin=subprocess.PIPE, env=genv)
    s = Stream(io.BufferedWriter(fi.stdin, buffer_size=1 << 20))

    files = {}        # path -> bytes: the tree of main
    paths = []        # the keys of `files`, for O(1) random choice
    where = {}        # path -> index in `paths`
    next_pool = 0     # next pool file to add
    passes = 1

    def add_path(p, data):
        files[p] = data
        where[p] = len(paths)
        paths.append(p)

    def drop_path(p):
        i = where.pop(p)
        last = paths.pop()
        if last != p:
            paths[i] = last
            where[last] = i
        del files[p]

    def new_file():
        nonlocal next_pool, passes
        for _ in range(len(pool)):
            if next_pool >= len(pool):
                next_pool, passes = 0, passes + 1
            src, rel, _ = pool[next_pool]
            next_pool += 1
            p = rel if passes == 1 else f"pass-{passes}/{rel}"
            if p in files:
                continue
            data = benchlib.read_text(src)
            if data:
                return p, data
        raise SystemExit("text pool exhausted")

    # Which commits carry a planted secret: spread over the history, after the import.
    plan = [1 + ((2 * k + 1) * (commits - 2)) // (2 * max(1, n_secrets)) for k in range(n_secrets)]
    secrets = []

    def due(commit_no):
        """Planted secrets whose commit has come (a commit with nothing to edit defers them)."""
        ks = [k for k, at in enumerate(plan) if at is not None and at <= commit_no]
        for k in ks:
            plan[k] = None
        return ks

    def defer(k, commit_no):
        plan[k] = commit_no + 1

    def plant(k, changes, commit_no, ref):
        kind, secret, line = benchlib.make_secret(rng, k)
        for ch in changes:
            if ch[0] == "M":
                p, data = ch[1], ch[2]
                new = benchlib.insert_line(data, line, rng)
                changes[changes.index(ch)] = ("M", p, new)
                secrets.append({"kind": kind, "secret": secret, "commit_no": commit_no, "path": p, "ref": ref})
                return new, p
        return None, None

    # Commit 0: the import. Files are taken evenly from the whole pool for variety.
    stride = max(1, len(pool) // max(1, initial))
    changes = []
    for i in range(0, len(pool), stride):
        if len(changes) >= initial:
            break
        src, rel, _ = pool[i]
        data = benchlib.read_text(src)
        if data:
            add_path(rel, data)
            changes.append(("M", rel, data))
    used = {c[1] for c in changes}
    when = EPOCH
    head = s.commit("refs/heads/main", when, AUTHORS[0], "Initial import\n", changes)
    marks = [head]
    commit_no = 1
    n_merges = n_tags = 0
    while commit_no < commits:
        when += 3600
        author = AUTHORS[commit_no % len(AUTHORS)]
        changes = []
        # Topic branch of two commits, merged back into main, every 500 commits.
        if commit_no % 500 == 0 and commit_no + 3 <= commits and paths:
            topic = f"refs/heads/topic-{commit_no // 500}"
            side = {}
            tip = head
            for _ in range(2):
                p = rng.choice(paths)
                new = edit(side.get(p, files[p]), donors, rng, cap)
                ch = [("M", p, new)]
                for k in due(commit_no):
                    plant(k, ch, commit_no, topic)
                side[p] = ch[0][2]
                tip = s.commit(topic, when, author, f"Topic work on {p}\n", ch, parent=tip)
                marks.append(tip)
                commit_no += 1
                when += 600
            merge_changes = [("M", p, d) for p, d in side.items()]
            for p, d in side.items():
                files[p] = d
            head = s.commit("refs/heads/main", when, author, f"Merge {topic[11:]}\n", merge_changes,
                            parent=head, merge=tip)
            marks.append(head)
            n_merges += 1
            commit_no += 1
            continue
        r = rng.random()
        if r < p_add or not paths:
            p, data = new_file()
            add_path(p, data)
            changes.append(("M", p, data))
        elif r < p_add + 0.01 and len(paths) > 10:
            p = rng.choice(paths)
            drop_path(p)
            changes.append(("D", p))
        elif r < p_add + 0.02 and len(paths) > 10:
            p = rng.choice(paths)
            q = f"moved/{p}"
            if q not in files:
                data = files[p]
                drop_path(p)
                add_path(q, data)
                changes += [("D", p), ("M", q, data)]
        k = max(1, int(fpc * 2 * rng.random() + 0.5)) if fpc >= 1 else 1
        for p in rng.sample(paths, min(k, len(paths))):
            if any(c[1] == p for c in changes):
                continue
            files[p] = edit(files[p], donors, rng, cap)
            changes.append(("M", p, files[p]))
        for k2 in due(commit_no):
            new, p = plant(k2, changes, commit_no, "refs/heads/main")
            if p:
                files[p] = new
            else:
                defer(k2, commit_no)
        msg = f"Update {changes[0][1]}\n\nCommit {commit_no} of the nhiscan benchmark history.\n"
        head = s.commit("refs/heads/main", when, author, msg, changes)
        marks.append(head)
        if commit_no % 2500 == 10:  # (not 0: commits at multiples of 500 are topic merges)
            s.tag(f"v{commit_no // 2500}", head)
            n_tags += 1
        commit_no += 1
        if commit_no % 5000 == 0:
            print(f"  {commit_no} commits, {time.time() - t0:.0f} s", file=sys.stderr)
    s.w("done\n")
    s.out.flush()
    fi.stdin.close()
    if fi.wait() != 0:
        print("git fast-import failed", file=sys.stderr)
        return 2
    t_import = time.time() - t0

    if a.repack:
        git("-c", "pack.threads=2", "gc", "-q", "--prune=now", cwd=dest, env=genv)
    t_repack = time.time() - t0 - t_import
    if checkout:
        git("checkout", "-q", "-f", "main", cwd=dest, env=genv)

    # Sizes, as the scan sees them: unique blobs and their content.
    out = subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectsize)"],
                         cwd=dest, check=True, capture_output=True, text=True).stdout
    blobs = blob_bytes = objects = 0
    for line in out.splitlines():
        t, sz = line.split()
        objects += 1
        if t == "blob":
            blobs += 1
            blob_bytes += int(sz)
    pack_bytes = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(os.path.join(dest, ".git", "objects")) for f in fs)
    manifest = {
        "kind": "history", "name": name, "path": dest, "params": params, "commits": commits,
        "merges": n_merges, "tags": n_tags, "objects": objects, "blobs": blobs, "blob_bytes": blob_bytes,
        "odb_bytes": pack_bytes, "head_files": len(files), "secrets": secrets,
        "staged_target": sorted(paths)[len(paths) // 2] if paths else None,
        "import_seconds": round(t_import, 1), "repack_seconds": round(t_repack, 1),
        "seconds": round(time.time() - t0, 1),
    }
    benchlib.write_json(manifest_path, manifest)
    print(f"{dest}: {commits} commits ({n_merges} merges, {n_tags} tags), {blobs} blobs, "
          f"{benchlib.human_bytes(blob_bytes)} of blob content, {benchlib.human_bytes(pack_bytes)} on disk, "
          f"{len(secrets)} planted secrets; import {t_import:.0f} s, gc {t_repack:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
