#!/usr/bin/env python3
"""Builds a working tree of real text for `nhiscan dir` benchmarks.

Copies text files that ship with Debian (/usr/include, /usr/share/doc, Perl's and Python's
standard libraries, the rest of /usr/share) into OUT/tree-NAME/, plants a known number of
fake secrets at line boundaries, and writes a manifest OUT/tree-NAME.json listing them.
When the system's text runs out before the target size, the pool is copied again under
pass-N/ (with different planted secrets), so any size can be reached.

  bench/gen_tree.py --size small            # ~50 MB
  bench/gen_tree.py --size medium           # ~200 MB
  bench/gen_tree.py --size large            # ~1 GB
  bench/gen_tree.py --mb 500 --name custom  # any size
"""
import argparse
import os
import random
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

SIZES = {"tiny": 5, "small": 50, "medium": 200, "large": 1000}
MAX_FILE = 4 << 20  # well under nhiscan's default --max-file-size, so nothing is skipped


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=sorted(SIZES), default="small", help="preset size (default small)")
    ap.add_argument("--mb", type=float, help="target size in MB (10^6 bytes); overrides --size")
    ap.add_argument("--name", help="corpus name (default: the preset name)")
    ap.add_argument("--secrets", type=int, help="planted secrets (default: one per 2 MB, at least 10)")
    ap.add_argument("--out", default=benchlib.BENCH_DIR, help="corpus directory (default $NHISCAN_BENCH_DIR or /tmp/nhiscan-bench)")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--check-only", action="store_true", help="exit 2 if the corpus is missing or stale; build nothing")
    ap.add_argument("--force", action="store_true", help="rebuild even if the manifest says it is up to date")
    a = ap.parse_args()

    name = a.name or a.size
    target = int((a.mb if a.mb is not None else SIZES[a.size]) * 1e6)
    n_secrets = a.secrets if a.secrets is not None else max(10, target // 2_000_000)
    dest = os.path.join(a.out, f"tree-{name}")
    manifest_path = dest + ".json"
    params = {"target_bytes": target, "secrets": n_secrets, "seed": a.seed, "version": 1}
    if not a.force and os.path.exists(manifest_path) and os.path.isdir(dest):
        m = benchlib.read_json(manifest_path)
        if m.get("params") == params:
            print(f"{dest}: up to date ({m['files']} files, {benchlib.human_bytes(m['bytes'])})")
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

    pool = list(benchlib.iter_text_files(MAX_FILE))
    if not pool:
        print("no text files found under " + ", ".join(benchlib.TEXT_ROOTS), file=sys.stderr)
        return 2
    rng = random.Random(a.seed)
    every = target / n_secrets  # plant one secret each time this many bytes have been written
    written = files = passes = 0
    next_plant = every / 2
    secrets = []
    made_dirs = set()
    while written < target:
        passes += 1
        copied_this_pass = 0
        for src, rel, _size in pool:
            if written >= target:
                break
            data = benchlib.read_text(src)
            if data is None:
                continue
            out_rel = rel if passes == 1 else os.path.join(f"pass-{passes}", rel)
            if written + len(data) >= next_plant and len(secrets) < n_secrets:
                kind, secret, line = benchlib.make_secret(rng, len(secrets))
                data = benchlib.insert_line(data, line, rng)
                secrets.append({"kind": kind, "secret": secret, "path": out_rel})
                next_plant += every
            out = os.path.join(dest, out_rel)
            d = os.path.dirname(out)
            if d not in made_dirs:
                os.makedirs(d, exist_ok=True)
                made_dirs.add(d)
            with open(out, "wb") as f:
                f.write(data)
            written += len(data)
            files += 1
            copied_this_pass += 1
        if copied_this_pass == 0:
            print("the text pool is empty", file=sys.stderr)
            return 2
    # Whatever was not planted yet (tiny targets) goes into the last files written.
    while len(secrets) < n_secrets:
        kind, secret, line = benchlib.make_secret(rng, len(secrets))
        out_rel = os.path.join("planted", f"secret-{len(secrets)}.env")
        os.makedirs(os.path.join(dest, "planted"), exist_ok=True)
        with open(os.path.join(dest, out_rel), "w") as f:
            f.write(line + "\n")
        written += len(line) + 1
        files += 1
        secrets.append({"kind": kind, "secret": secret, "path": out_rel})

    manifest = {
        "kind": "tree", "name": name, "path": dest, "params": params, "files": files, "bytes": written,
        "passes": passes, "pool_files": len(pool), "secrets": secrets,
        "roots": [r for r in benchlib.TEXT_ROOTS if os.path.isdir(r)],
        "seconds": round(time.time() - t0, 1),
    }
    benchlib.write_json(manifest_path, manifest)
    print(f"{dest}: {files} files, {benchlib.human_bytes(written)}, {len(secrets)} planted secrets, "
          f"{passes} pass(es) over the text pool, {manifest['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
