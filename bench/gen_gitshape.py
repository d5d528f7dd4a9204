#!/usr/bin/env python3
"""Builds a history with the shape of git/git for `nhiscan git`, `staged` and `inventory`
benchmarks (issue 18 item 1, issue 15 item 4), streamed into `git fast-import`.

git/git (measured in issue 18): 203k commits, 382k trees (5.4 GiB inflated, 89% deltified),
262k blobs (7.6 GiB), 4,300 refs including 1,000 tags, 4,300 files at HEAD. What makes it
costly, and what this generator copies (gen_history.py's trees are far cheaper):

- wide trees: a root of ~330 entries and directories of hundreds of small files
  (Documentation/, t/), plus deep narrow ones (contrib/a/b/c/...), so each commit writes a
  ~13 KiB root tree and one or two more; trees are most of the object count;
- long delta chains: most commits edit one or two "hot", large files (git's sequencer.c,
  diff.c ...), so blob and tree versions chain; `--repack` deltifies them like `git gc`;
- many refs: 3,300 branches at commits spread over the history and 1,000 annotated tags;
- merges: a two-commit topic branch merged back every 16 commits.

Content is real Debian text (/usr/include, Perl's and Python's libraries, /tmp/bench-real/jdk
when present), edited per commit by replacing a line-aligned region with lines of another
file. Fake secrets (built at runtime from fragments, benchlib) are planted at known commits.

The history length scales with `--scale` (1.0 = git/git's 203k commits); HEAD's shape (files,
sizes, refs) does not, so `staged` measures the same 4,300-file HEAD at any scale.

  bench/gen_gitshape.py --scale 0.1            # 20k commits: minutes
  bench/gen_gitshape.py --scale 1.0            # git/git's size: hours on 2 cores

Writes OUT/history-gitshape[-SCALE]/ (checked out on main) and its .json manifest.
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

EPOCH = 1136073600  # 2006-01-01T00:00:00Z
FULL_COMMITS = 203_000
AUTHORS = [(f"Dev {n}", f"dev{n}@example.com") for n in
           ("Ada", "Brook", "Chen", "Dara", "Eli", "Fern", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lin",
            "Mo", "Noor", "Oli", "Pia", "Quin", "Rae", "Sol", "Tao")]
ROOTS = ["/usr/include", "/usr/share/perl", "/usr/share/perl5", "/usr/lib/python3.11", "/tmp/bench-real/jdk"]


def layout(rng):
    """(directory, number of files) of HEAD: ~4,300 files, git/git-like widths and depths."""
    dirs = [("", 300), ("Documentation", 620), ("Documentation/technical", 90), ("Documentation/howto", 45),
            ("Documentation/RelNotes", 260), ("t", 1150), ("t/helper", 80), ("t/perf", 60), ("builtin", 150),
            ("xdiff", 20), ("refs", 12), ("reftable", 60), ("po", 40), ("compat", 60), ("compat/win32", 25),
            ("compat/nedmalloc", 8), ("ewah", 10), ("negotiator", 8), ("trace2", 15), ("gitweb/static/js/lib", 12),
            ("gitk-git/po", 25), ("git-gui/lib", 60), ("git-gui/po/glossary", 20), ("perl/Git/SVN/Memoize", 6)]
    for i in range(36):  # deep, narrow directories
        a, b = i % 6, i % 9
        dirs.append((f"contrib/mod{a}/part{b}/src/impl{i}/detail", 14))
    for i in range(24):
        dirs.append((f"t/t{4000 + i * 17}/expect/data/case{i}", 8))
    return dirs


class Stream:
    def __init__(self, out):
        self.out = out
        self.mark = 0

    def w(self, s):
        self.out.write(s.encode())

    def data(self, b):
        self.out.write(b"data %d\n" % len(b))
        self.out.write(b)
        self.out.write(b"\n")

    def commit(self, ref, when, author, msg, changes, parent=None, merge=None):
        self.mark += 1
        name, email = author
        self.w(f"commit {ref}\nmark :{self.mark}\nauthor {name} <{email}> {when} +0000\n"
               f"committer {name} <{email}> {when} +0000\n")
        self.data(msg.encode())
        if parent:
            self.w(f"from :{parent}\n")
        if merge:
            self.w(f"merge :{merge}\n")
        for ch in changes:
            self.w(f"M 100644 inline {ch[0]}\n")
            self.data(ch[1])
        self.w("\n")
        return self.mark


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=0.1, help="history length as a fraction of git/git's (1.0)")
    ap.add_argument("--name", help="corpus name (default gitshape, or gitshape-SCALE when not 0.1)")
    ap.add_argument("--secrets", type=int, default=36)
    ap.add_argument("--repack", action=argparse.BooleanOptionalAction, default=True,
                    help="git repack -adf --depth=50 after the import (default on)")
    ap.add_argument("--window", type=int, default=10, help="repack --window (git's default 10)")
    ap.add_argument("--out", default=benchlib.BENCH_DIR)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--check-only", action="store_true")
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args()
    if not 0 < a.scale <= 2:
        print("--scale must be in (0, 2]", file=sys.stderr)
        return 2
    name = a.name or ("gitshape" if a.scale == 0.1 else f"gitshape-{a.scale:g}")
    commits = max(200, int(FULL_COMMITS * a.scale))
    params = {"scale": a.scale, "commits": commits, "secrets": a.secrets, "repack": a.repack, "window": a.window,
              "seed": a.seed, "version": 2}
    dest = os.path.join(a.out, f"history-{name}")
    manifest_path = dest + ".json"
    if not a.force and os.path.exists(manifest_path) and os.path.isdir(dest):
        m = benchlib.read_json(manifest_path)
        if m.get("params") == params:
            print(f"{dest}: up to date ({m['commits']} commits, {m['blobs']} blobs)")
            return 0
    if a.check_only:
        print(f"{dest}: missing or built with other parameters", file=sys.stderr)
        return 2

    t0 = time.time()
    shutil.rmtree(dest, ignore_errors=True)
    if os.path.exists(manifest_path):
        os.remove(manifest_path)
    os.makedirs(dest)
    genv = dict(os.environ, GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "init", "-q", "-b", "main", dest], check=True, env=genv)
    subprocess.run(["git", "config", "gc.auto", "0"], cwd=dest, check=True)

    rng = random.Random(a.seed)
    pool = [p for p, _, _ in benchlib.iter_text_files(160 << 10, min_size=1024, roots=ROOTS)]
    rng.shuffle(pool)
    donor_cache = {}

    def text(path):
        d = donor_cache.get(path)
        if d is None:
            d = benchlib.read_text(path) or b""
            if len(donor_cache) > 512:
                donor_cache.pop(next(iter(donor_cache)))
            donor_cache[path] = d
        return d

    def chunk(nbytes):
        for _ in range(10):
            d = text(rng.choice(pool))
            if len(d) > 2:
                break
        n = len(d)
        s = d.rfind(b"\n", 0, rng.randrange(n)) + 1
        e = d.find(b"\n", min(n, s + nbytes))
        return d[s:n if e < 0 else e + 1]

    def line_at(content, pos):
        """The start of the line holding byte `pos`."""
        return content.rfind(b"\n", 0, pos) + 1

    def region(content, nbytes):
        """(start, end) of a line-aligned region of about `nbytes`, somewhere in `content`."""
        n = len(content)
        s = line_at(content, rng.randrange(n))
        e = content.find(b"\n", min(n, s + nbytes))
        return s, (n if e < 0 else e + 1)

    def hunk_size():
        # Real hunks: mostly a few lines, sometimes a whole function or a rewritten section.
        return int(rng.choice((60, 200, 600, 1500, 4000)) * (0.5 + rng.random()))

    def edit(old):
        """One commit's change to a file, as varied as real commits (calibrated on ripgrep's history,
        docs/benchmarks.md): 1-6 hunks spread over the file, each a rewritten region, an inserted
        function, a deleted block or a block moved elsewhere. Inserts and deletes balance, so files
        keep their size over the history."""
        content = old
        n_hunks = min(6, 1 + int(rng.expovariate(0.7)))
        for _ in range(n_hunks):
            n = len(content)
            if n < 2:
                content += chunk(hunk_size())
                continue
            kind = rng.random()
            grow = n < 200 << 10
            if kind < 0.45:  # rewrite a region with other text of about the same size
                s, e = region(content, hunk_size())
                content = content[:s] + chunk(max(1, (e - s) + rng.randrange(-80, 120))) + content[e:]
            elif kind < 0.65 and grow:  # insert a function
                s = line_at(content, rng.randrange(n))
                content = content[:s] + chunk(hunk_size()) + content[s:]
            elif kind < 0.85:  # delete a block
                s, e = region(content, hunk_size())
                content = content[:s] + content[e:]
            else:  # move a block elsewhere (reordered functions)
                s, e = region(content, hunk_size())
                block, rest = content[s:e], content[:s] + content[e:]
                t = line_at(rest, rng.randrange(len(rest) + 1)) if rest else 0
                content = rest[:t] + block + rest[t:]
        return content if content != old else content + b"\n"

    # HEAD's files: real text, names kept short like git's.
    files, order = {}, []
    src = iter(pool)
    for d, n in layout(rng):
        for i in range(n):
            while True:
                data = text(next(src))
                if data:
                    break
            ext = rng.choice([".c", ".h", ".sh", ".txt", ".pl", ".py", ".adoc"])
            p = f"{d}/f{i:04d}{ext}" if d else f"f{i:03d}{ext}"
            files[p] = data
            order.append(p)
    # Hot files: a tenth of the files, drawn from the largest 30%, takes most edits (long delta
    # chains); the rest are spread. Drawn rather than the very largest, so the history's mean blob
    # (~25 KB) stays near git/git's (29 KB) and ripgrep's (26 KB): per-blob costs weigh as in real
    # histories instead of a few 150 KB files making the floor's bytes cheap.
    by_size = sorted(order, key=lambda p: -len(files[p]))
    hot = rng.sample(by_size[: len(order) * 3 // 10], len(order) // 10)

    fi = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=dest, stdin=subprocess.PIPE, env=genv)
    s = Stream(io.BufferedWriter(fi.stdin, buffer_size=1 << 20))
    when = EPOCH
    head = s.commit("refs/heads/main", when, AUTHORS[0], "Initial revision\n", [(p, files[p]) for p in order])
    marks = [head]
    plan = sorted({1 + (2 * k + 1) * (commits - 2) // (2 * max(1, a.secrets)) for k in range(a.secrets)})
    secrets = []
    n_merges = 0
    step = max(1, (24 * 3600 * 365 * 20) // commits)  # 20 years of history
    commit_no = 1

    def pick():
        return rng.choice(hot) if rng.random() < 0.7 else rng.choice(order)

    def plant(p, content, ref):
        k = len(secrets)
        kind, secret, line = benchlib.make_secret(rng, k)
        secrets.append({"kind": kind, "secret": secret, "commit_no": commit_no, "path": p, "ref": ref})
        return benchlib.insert_line(content, line, rng)

    while commit_no < commits:
        when += step
        author = AUTHORS[commit_no % len(AUTHORS)]
        if commit_no % 16 == 0 and commit_no + 3 <= commits:
            topic = f"refs/heads/topic/{commit_no // 16}"
            side, tip = {}, head
            for _ in range(2):
                p = pick()
                new = edit(side.get(p, files[p]))
                if plan and plan[0] <= commit_no:
                    plan.pop(0)
                    new = plant(p, new, topic)
                side[p] = new
                tip = s.commit(topic, when, author, f"{p}: topic work\n", [(p, new)], parent=tip)
                marks.append(tip)
                commit_no += 1
                when += 60
            files.update(side)
            head = s.commit("refs/heads/main", when, author, f"Merge branch '{topic[11:]}'\n",
                            list(side.items()), parent=head, merge=tip)
            marks.append(head)
            n_merges += 1
            commit_no += 1
            # Topic refs are dropped after the merge, as in git/git; only the chosen ones stay (below).
            s.w(f"reset {topic}\nfrom 0000000000000000000000000000000000000000\n\n")
            continue
        changes = {}
        for _ in range(1 if rng.random() < 0.75 else 2):
            p = pick()
            changes[p] = edit(changes.get(p, files[p]))
        if plan and plan[0] <= commit_no:
            plan.pop(0)
            p = next(iter(changes))
            changes[p] = plant(p, changes[p], "refs/heads/main")
        files.update(changes)
        msg = f"{next(iter(changes))}: update\n\nCommit {commit_no} of the nhiscan git-shaped history.\n"
        head = s.commit("refs/heads/main", when, author, msg, list(changes.items()), parent=head)
        marks.append(head)
        commit_no += 1
        if commit_no % 20000 == 0:
            print(f"  {commit_no} commits, {time.time() - t0:.0f} s", file=sys.stderr)

    # 4,300 refs: 3,299 branches besides main and 1,000 annotated tags, spread over the history.
    for i in range(3299):
        s.w(f"reset refs/heads/branch/{i:04d}\nfrom :{marks[rng.randrange(len(marks))]}\n\n")
    for i in range(1000):
        m = marks[(i + 1) * (len(marks) - 1) // 1000]
        s.w(f"tag v{i // 100}.{i % 100}.0\nfrom :{m}\ntagger {AUTHORS[i % len(AUTHORS)][0]} "
            f"<{AUTHORS[i % len(AUTHORS)][1]}> {EPOCH + i * 600000} +0000\n")
        s.data(f"Release {i}\n".encode())
    s.w("done\n")
    s.out.flush()
    fi.stdin.close()
    if fi.wait() != 0:
        print("git fast-import failed", file=sys.stderr)
        return 2
    t_import = time.time() - t0
    if a.repack:
        subprocess.run(["git", "-c", "pack.threads=2", "repack", "-adfq", "--depth=50", f"--window={a.window}"],
                       cwd=dest, check=True, env=genv)
        subprocess.run(["git", "prune-packed"], cwd=dest, check=True, env=genv)
    t_repack = time.time() - t0 - t_import
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=dest, check=True, env=genv)

    out = subprocess.run(["git", "cat-file", "--batch-all-objects",
                          "--batch-check=%(objecttype) %(objectsize) %(deltabase)"],
                         cwd=dest, check=True, capture_output=True, text=True).stdout
    count = {"blob": [0, 0, 0], "tree": [0, 0, 0], "commit": [0, 0, 0], "tag": [0, 0, 0]}
    for line in out.splitlines():
        t, sz, base = line.split()
        c = count[t]
        c[0] += 1
        c[1] += int(sz)
        c[2] += base != "0" * 40
    refs = len(subprocess.run(["git", "for-each-ref"], cwd=dest, check=True, capture_output=True,
                              text=True).stdout.splitlines())
    odb = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(os.path.join(dest, ".git", "objects"))
              for f in fs)
    manifest = {
        "kind": "history", "name": name, "path": dest, "params": params, "commits": count["commit"][0],
        "merges": n_merges, "tags": count["tag"][0], "refs": refs,
        "objects": sum(c[0] for c in count.values()), "blobs": count["blob"][0], "blob_bytes": count["blob"][1],
        "blobs_deltified": count["blob"][2], "trees": count["tree"][0], "tree_bytes": count["tree"][1],
        "trees_deltified": count["tree"][2], "odb_bytes": odb, "head_files": len(files), "secrets": secrets,
        "staged_target": order[len(order) // 2],
        "import_seconds": round(t_import, 1), "repack_seconds": round(t_repack, 1),
        "seconds": round(time.time() - t0, 1),
    }
    benchlib.write_json(manifest_path, manifest)
    print(f"{dest}: {manifest['commits']} commits ({n_merges} merges), {refs} refs, "
          f"{count['tree'][0]} trees ({benchlib.human_bytes(count['tree'][1])}), {count['blob'][0]} blobs "
          f"({benchlib.human_bytes(count['blob'][1])}), {benchlib.human_bytes(odb)} on disk, {len(secrets)} secrets; "
          f"import {t_import:.0f} s, repack {t_repack:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
