#!/usr/bin/env bash
# nhiscan's GitLab CI job script (installed as `nhiscan-gitlab` in the image built from
# action/Dockerfile; ci/nhiscan.gitlab-ci.yml calls it).
#
# Writes a GitLab secret-detection report (gl-secret-detection-report.json) with
# `nhiscan git ... -f gitlab --exit-code 0`, so the job passes and GitLab ingests the report
# (it ignores the reports of failed jobs). An error (bad range, unreadable repository) still
# fails the job: a scan that could not run never looks clean.
#
# What it scans (NHISCAN_SCAN, set by the template's jobs; "auto" guesses from the pipeline):
#   full            the whole history (also when NHISCAN_FULL_HISTORY=true)
#   merge-request   CI_MERGE_REQUEST_DIFF_BASE_SHA..CI_COMMIT_SHA
#   push            CI_COMMIT_BEFORE_SHA..CI_COMMIT_SHA; when CI_COMMIT_BEFORE_SHA is all zeros
#                   (a new branch, or a pipeline not started by a push) the commits not on the
#                   default branch, or the history of CI_COMMIT_SHA on the default branch
#   gate            no scan: reads the report a scan job of the same pipeline wrote (its
#                   artifact) and fails (exit 1) when it lists findings; the template's opt-in
#                   `nhiscan-gate` job (NHISCAN_GATE: "true") runs it
# Other variables:
#   NHISCAN_REPORT            report path (default gl-secret-detection-report.json)
#   NHISCAN_ARGS              extra nhiscan options, e.g. "--config ci/nhiscan.toml"; --no-redact
#                             affects only the report file (the job log never shows a secret)
#   NHISCAN_FAIL_ON_FINDINGS  "true": exit 1 after writing the report when there are findings
#   NHISCAN_BIN               the nhiscan binary (default: nhiscan on PATH)
set -uo pipefail

ZERO=0000000000000000000000000000000000000000
log() { printf 'nhiscan: %s\n' "$*"; }
findings_of() { if [[ "$1" -eq 1 ]]; then echo "1 finding"; else echo "$1 findings"; fi; }
die() {
    printf 'nhiscan: error: %s\n' "$*" >&2
    exit 2
}
truthy() {
    case "${1,,}" in
    true | yes | 1 | on) return 0 ;;
    *) return 1 ;;
    esac
}

repo=${CI_PROJECT_DIR:-$PWD}
report=${NHISCAN_REPORT:-gl-secret-detection-report.json}
[[ "$report" == /* ]] || report="$repo/$report"
nhiscan=${NHISCAN_BIN:-nhiscan}
extra=()
if [[ -n "${NHISCAN_ARGS:-}" ]]; then
    read -r -a extra <<<"$NHISCAN_ARGS"
fi
head=${CI_COMMIT_SHA:-}

# The job log lists each finding by severity, file:line and rule name only, never the secret
# (even with --no-redact, which reaches the report file alone).
digest() {  # report: prints the digest on stderr and the count on stdout
    python3 - "$1" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    vulns = json.load(f).get("vulnerabilities", [])
for v in vulns:
    loc = v.get("location", {})
    print(f"  {v.get('severity', '?'):<8} {loc.get('file', '?')}:{loc.get('start_line', '?')}  {v.get('name', '')}", file=sys.stderr)
print(len(vulns))
PY
}

mode=${NHISCAN_SCAN:-auto}
if [[ "$mode" == gate ]]; then
    # Opt-in failing job: the scan jobs pass so that GitLab ingests their report; this one,
    # separate, fails the pipeline when the report lists findings.
    [[ -f "$report" ]] || die "no report at $report: the gate needs the artifact of a scan job of this pipeline (nhiscan-push, nhiscan-merge-request or nhiscan-full-history)"
    command -v python3 >/dev/null || die "python3 is needed to read the report"
    count=$(digest "$report") || die "cannot read the report $report"
    if [[ "$count" -eq 0 ]]; then
        log "gate: the report lists no findings"
        exit 0
    fi
    log "gate: $(findings_of "$count") in the report (listed above, redacted): failing the job. Rotate real credentials, then remove them; record false positives in a baseline or mark them nhiscan:allow"
    exit 1
fi

for a in "${extra[@]}"; do
    # --no-redact=VALUE is the flag too (CLI11).
    if [[ "$a" == --no-redact ]] || { [[ "$a" == --no-redact=* ]] && truthy "${a#--no-redact=}"; }; then
        log "warning: NHISCAN_ARGS has --no-redact: the report file $report (a job artifact) holds secrets in full; the job log stays redacted"
    fi
done

command -v "$nhiscan" >/dev/null || [[ -x "$nhiscan" ]] || die "the nhiscan binary '$nhiscan' was not found"
git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 || die "$repo is not a git repository"
# The runner may have cloned the project as another user than the job runs as.
git config --global --get-all safe.directory 2>/dev/null | grep -qxF "$repo" ||
    git config --global --add safe.directory "$repo" 2>/dev/null || true

have_commit() { [[ -n "$1" && "$1" != "$ZERO" ]] && git -C "$repo" cat-file -e "$1^{commit}" 2>/dev/null; }
# Makes sure a commit is here, fetching it once if the clone is shallow or lacks it.
need_commit() {  # sha what
    have_commit "$1" && return 0
    git -C "$repo" fetch --quiet origin "$1" >/dev/null 2>&1
    have_commit "$1" && return 0
    die "the $2 commit $1 is not in the clone; set GIT_DEPTH: \"0\" for this job (the template does)"
}

scan_args=()
scanned=""
range() {  # base head [why]
    scan_args=(--range "$1..$2")
    scanned="$1..$2"
    [[ -n "${3:-}" ]] && log "$3"
    return 0
}
history_of() {  # sha why
    scan_args=(--branch "$1")
    scanned="history of $1"
    log "$2"
}
# A push whose previous tip is unknown: the commits not on the default branch.
new_branch() {
    local default=${CI_DEFAULT_BRANCH:-} branch=${CI_COMMIT_BRANCH:-} base_ref="" mb
    if [[ -z "$default" || "$branch" == "$default" ]]; then
        history_of "$head" "no previous commit to compare with on the default branch: scanning the history of $head"
        return
    fi
    for r in "refs/remotes/origin/$default" "refs/heads/$default"; do
        if git -C "$repo" rev-parse --verify --quiet "$r^{commit}" >/dev/null; then
            base_ref=$r
            break
        fi
    done
    if [[ -z "$base_ref" ]] &&
        git -C "$repo" fetch --quiet origin "+refs/heads/$default:refs/remotes/origin/$default" >/dev/null 2>&1; then
        base_ref="refs/remotes/origin/$default"
    fi
    if [[ -n "$base_ref" ]] && mb=$(git -C "$repo" merge-base "$base_ref" "$head" 2>/dev/null) && [[ -n "$mb" ]]; then
        range "$mb" "$head" "new branch: scanning the commits not on $default (merge base ${mb:0:12})"
    else
        history_of "$head" "new branch: $default is not available or shares no history: scanning the history of $head"
    fi
}

if truthy "${NHISCAN_FULL_HISTORY:-false}"; then
    mode=full
elif [[ "$mode" == auto ]]; then
    if [[ "${CI_PIPELINE_SOURCE:-}" == merge_request_event ]]; then
        mode=merge-request
    elif [[ "${CI_PIPELINE_SOURCE:-}" == push ]]; then
        mode=push
    else
        mode=full
    fi
fi

case "$mode" in
full)
    scanned="full history"
    log "full-history audit"
    ;;
merge-request)
    base=${CI_MERGE_REQUEST_DIFF_BASE_SHA:-}
    [[ -n "$base" && -n "$head" ]] || die "a merge-request scan needs CI_MERGE_REQUEST_DIFF_BASE_SHA and CI_COMMIT_SHA"
    need_commit "$base" "merge request diff base"
    need_commit "$head" "merge request"
    range "$base" "$head"
    ;;
push)
    [[ -n "$head" ]] || die "a push scan needs CI_COMMIT_SHA"
    need_commit "$head" pushed
    before=${CI_COMMIT_BEFORE_SHA:-}
    if [[ -z "$before" || "$before" == "$ZERO" ]]; then
        new_branch
    elif have_commit "$before" ||
        { git -C "$repo" fetch --quiet origin "$before" >/dev/null 2>&1 && have_commit "$before"; }; then
        range "$before" "$head"
    else
        log "the previous tip $before is not in the clone (a force push?)"
        new_branch
    fi
    ;;
*)
    die "NHISCAN_SCAN must be auto, full, merge-request, push or gate, not '$mode'"
    ;;
esac

mkdir -p "$(dirname "$report")" || die "cannot create the directory of $report"
cmd=(git "${scan_args[@]}" "${extra[@]}" --no-color -f gitlab -o "$report" --exit-code 0 "$repo")
log "running: nhiscan ${cmd[*]}"
"$nhiscan" "${cmd[@]}"
status=$?
[[ $status -eq 0 ]] || die "nhiscan exited with status $status while scanning $scanned (see the error above)"

# A redacted digest for the job log, from the report itself.
count=""
command -v python3 >/dev/null && count=$(digest "$report")
if [[ -z "$count" ]]; then
    log "report written to $report ($scanned)"
elif [[ "$count" -eq 0 ]]; then
    log "no credentials found ($scanned); report written to $report"
else
    log "$(findings_of "$count") in $scanned; report written to $report (see the merge request / security tab)"
    if truthy "${NHISCAN_FAIL_ON_FINDINGS:-false}"; then
        log "NHISCAN_FAIL_ON_FINDINGS is set: failing the job (GitLab may then ignore the report)"
        exit 1
    fi
fi
exit 0
