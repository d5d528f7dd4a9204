#!/usr/bin/env bash
# nhiscan GitHub Action entrypoint (action/action.yml runs it in the nhiscan image, or on the
# runner itself when the `nhiscan` input names a binary).
#
# Chooses what to scan from the event that started the workflow:
#   push                          before..after; a new branch (before all zeros) scans the
#                                 commits not on the default branch, and the whole history of
#                                 the pushed commit when it is the default branch or shares no
#                                 history with it; a deleted branch scans nothing
#   pull_request(_target)         pull_request.base.sha..pull_request.head.sha
#   merge_group                   merge_group.base_sha..merge_group.head_sha
#   schedule, workflow_dispatch,  the full history: every blob in the repository, once
#   and any other event
# Inputs (environment): INPUT_PATH, INPUT_FAIL_ON_FINDINGS, INPUT_SARIF_FILE, INPUT_SCAN
# (auto|full), INPUT_RANGE (BASE..HEAD, overrides the event), INPUT_ARGS (extra nhiscan
# options), INPUT_NHISCAN (binary; default NHISCAN_BIN or `nhiscan` on PATH).
# Shallow checkouts: fetches the history the scan needs (--deepen for a range, --unshallow
# otherwise) or fails with a fetch-depth: 0 hint; never scans a truncated history.
# --no-redact in INPUT_ARGS reaches only the SARIF file; annotations, summary and log stay redacted.
# Writes: the SARIF file, outputs sarif-file / findings / scanned to $GITHUB_OUTPUT, a table
# to $GITHUB_STEP_SUMMARY, one ::error annotation per finding. Secrets appear only redacted:
# everything shown is taken from nhiscan's own (redacted) JSON report.
# Exit: 0 clean (or findings with fail-on-findings: false), 1 findings, 2 error.
set -uo pipefail

ZERO=0000000000000000000000000000000000000000

log() { printf 'nhiscan: %s\n' "$*"; }
findings_of() { if [[ "$1" -eq 1 ]]; then echo "1 finding"; else echo "$1 findings"; fi; }
# A workflow-command annotation; the message is escaped as the runner expects.
annotate() {  # level message
    local msg=${2//'%'/'%25'}
    msg=${msg//$'\r'/'%0D'}
    msg=${msg//$'\n'/'%0A'}
    printf '::%s title=nhiscan::%s\n' "$1" "$msg"
}
fail() {
    annotate error "$*"
    summary_line "**nhiscan failed:** $*"
    exit 2
}
set_output() {  # name value
    if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
        printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
    else
        log "output $1=$2"
    fi
}
summary_line() {
    [[ -n "${GITHUB_STEP_SUMMARY:-}" ]] && printf '%s\n' "$*" >>"$GITHUB_STEP_SUMMARY"
    return 0
}
truthy() {
    case "${1,,}" in
    false | no | 0 | off | '') return 1 ;;
    *) return 0 ;;
    esac
}

workspace=${GITHUB_WORKSPACE:-$PWD}
repo=${INPUT_PATH:-.}
[[ "$repo" == /* ]] || repo="$workspace/$repo"
repo=${repo%/.}
fail_on_findings=${INPUT_FAIL_ON_FINDINGS:-true}
scan_input=${INPUT_SCAN:-auto}
range_input=${INPUT_RANGE:-}
nhiscan=${INPUT_NHISCAN:-${NHISCAN_BIN:-nhiscan}}
sarif=${INPUT_SARIF_FILE:-}
if [[ -z "$sarif" ]]; then
    sarif="${RUNNER_TEMP:-$workspace}/nhiscan-results.sarif"
elif [[ "$sarif" != /* ]]; then
    sarif="$workspace/$sarif"
fi
extra=()
if [[ -n "${INPUT_ARGS:-}" ]]; then
    read -r -a extra <<<"$INPUT_ARGS"
fi
# Annotations, the job summary and the log are public on a public repository: they are made
# from a JSON report that is always redacted. --no-redact in `args` reaches only the SARIF
# report file (and whatever it is uploaded to), with a warning.
json_extra=()
no_redact=""
for a in "${extra[@]}"; do
    case "$a" in
    --no-redact) no_redact=1 ;;
    # CLI11 takes --no-redact=VALUE too; it never reaches the JSON report, whatever the value.
    --no-redact=*) truthy "${a#--no-redact=}" && no_redact=1 ;;
    *) json_extra+=("$a") ;;
    esac
done

command -v python3 >/dev/null || fail "python3 is needed to read the event payload"
command -v "$nhiscan" >/dev/null || [[ -x "$nhiscan" ]] || fail "the nhiscan binary '$nhiscan' was not found"
git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 ||
    fail "$repo is not a git repository: check out the code first (actions/checkout with fetch-depth: 0)"
# The workspace may belong to another user than the container's; let git read it.
git config --global --get-all safe.directory 2>/dev/null | grep -qxF "$repo" ||
    git config --global --add safe.directory "$repo" 2>/dev/null || true

# event_field KEY.PATH: a value from the event payload ("" when absent).
event_field() {
    [[ -n "${GITHUB_EVENT_PATH:-}" && -f "$GITHUB_EVENT_PATH" ]] || return 0
    python3 - "$GITHUB_EVENT_PATH" "$1" <<'PY'
import json, sys
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        v = json.load(f)
except (OSError, ValueError):
    sys.exit(0)
for k in sys.argv[2].split("."):
    if not isinstance(v, dict) or k not in v:
        sys.exit(0)
    v = v[k]
if v is None:
    sys.exit(0)
print(str(v).lower() if isinstance(v, bool) else v)
PY
}
have_commit() { [[ -n "$1" && "$1" != "$ZERO" ]] && git -C "$repo" cat-file -e "$1^{commit}" 2>/dev/null; }
need_commit() {  # sha what
    have_commit "$1" && return 0
    # Not fetched by actions/checkout, even with fetch-depth: 0: a fork's pull request head
    # (refs/pull/N/head) under pull_request_target, which checks out the base branch.
    if [[ -n "$1" && "$1" != "$ZERO" ]] && ! is_shallow; then
        log "the $2 commit $1 is not in the checkout: fetching it from origin"
        git -C "$repo" fetch --quiet --no-tags origin "$1" >/dev/null 2>&1 && have_commit "$1" && return 0
    fi
    if is_shallow; then
        fail "the $2 commit $1 is not in this shallow clone and could not be fetched: set fetch-depth: 0 in actions/checkout"
    fi
    fail "the $2 commit $1 is not in the repository"
}

# --- Shallow checkouts (actions/checkout's default fetch-depth is 1) ---------------------
# A shallow clone's oldest commits have no parents, so whatever they hold would look new.
# The action fetches what the scan needs: for a range, deeper history until every commit in
# BASE..HEAD has its parents (git fetch --deepen); for a new branch, a --branch or a full
# audit, the whole history (git fetch --unshallow). If that fails it stops with one error
# telling you to set fetch-depth: 0. It never scans a truncated history instead, and nhiscan
# itself refuses a range that reaches a shallow boundary.
is_shallow() { [[ "$(git -C "$repo" rev-parse --is-shallow-repository 2>/dev/null)" == true ]]; }
shallow_hint="set fetch-depth: 0 in actions/checkout (the default depth of 1 has no history to compare with)"
# True when BASE..HEAD can be scanned: both are here and no commit in it is a shallow boundary.
range_complete() {  # base head
    is_shallow || { have_commit "$1" && have_commit "$2"; return; }
    have_commit "$1" && have_commit "$2" || return 1
    local sh
    sh=$(git -C "$repo" rev-parse --path-format=absolute --git-path shallow 2>/dev/null) || return 1
    [[ -s "$sh" ]] || return 0
    local commits
    commits=$(git -C "$repo" rev-list "$1..$2" 2>/dev/null) || return 1
    ! grep -qxF -f "$sh" <<<"$commits"
}
# Fetches the history BASE..HEAD needs in a shallow clone: the two commits, then deeper and
# deeper. Returns 1 when it cannot (the caller then fetches everything or fails).
deepen_for() {  # base head
    is_shallow || return 0
    range_complete "$1" "$2" && return 0
    log "shallow checkout: fetching the history $1..$2 needs (git fetch --deepen); $shallow_hint to skip this step"
    local c n
    for c in "$1" "$2"; do
        have_commit "$c" || git -C "$repo" fetch --quiet --no-tags --depth=1 origin "$c" >/dev/null 2>&1 || return 1
    done
    for n in 50 200 1000 5000; do
        range_complete "$1" "$2" && return 0
        git -C "$repo" fetch --quiet --no-tags --deepen="$n" origin "$1" "$2" >/dev/null 2>&1 || return 1
    done
    range_complete "$1" "$2"
}
# The whole history (and the branches, for the default branch's merge base), or fail.
unshallow() {
    is_shallow || return 0
    log "shallow checkout: fetching the whole history (git fetch --unshallow); $shallow_hint to skip this step"
    git -C "$repo" fetch --quiet --no-tags --unshallow origin "+refs/heads/*:refs/remotes/origin/*" >/dev/null 2>&1 ||
        fail "the checkout is shallow and its history could not be fetched from origin: $shallow_hint"
    is_shallow && fail "the checkout is still shallow after fetching: $shallow_hint"
    return 0
}
range_history() {  # base head: make BASE..HEAD scannable, whatever it costs
    deepen_for "$1" "$2" && return 0
    unshallow
}

scan_args=()  # what nhiscan git scans: --range A..B, --branch SHA, or nothing (everything)
scanned=""    # for the log, the outputs and the summary
nothing=""    # set when there is nothing to scan

full_history() {
    scan_args=()
    scanned="full history"
}
range() {  # base head why
    scan_args=(--range "$1..$2")
    scanned="$1..$2"
    [[ -n "${3:-}" ]] && log "$3"
}
# A pushed branch whose old value is unknown: the commits not on the default branch; the whole
# history of the pushed commit for the default branch itself or a branch unrelated to it.
new_branch() {  # head
    local head=$1 default ref base_ref="" mb
    default=$(event_field repository.default_branch)
    ref=$(event_field ref)
    if [[ -n "$default" && "$ref" != "refs/heads/$default" ]]; then
        for r in "refs/remotes/origin/$default" "refs/heads/$default"; do
            if git -C "$repo" rev-parse --verify --quiet "$r^{commit}" >/dev/null; then
                base_ref=$r
                break
            fi
        done
        if [[ -n "$base_ref" ]] && mb=$(git -C "$repo" merge-base "$base_ref" "$head" 2>/dev/null) && [[ -n "$mb" ]]; then
            range "$mb" "$head" "new branch: scanning the commits not on $default (merge base ${mb:0:12})"
            return
        fi
        log "new branch: $default is not in the checkout or shares no history with it; scanning the history of $head"
    else
        log "new branch: scanning the history of $head"
    fi
    scan_args=(--branch "$head")
    scanned="history of $head"
}

event=${GITHUB_EVENT_NAME:-}
if [[ -n "$range_input" ]]; then
    [[ "$range_input" == *..* ]] || fail "the range input must look like BASE..HEAD, not '$range_input'"
    is_shallow && range_history "$(git -C "$repo" rev-parse --verify --quiet "${range_input%%..*}^{commit}" || echo "${range_input%%..*}")" \
        "$(git -C "$repo" rev-parse --verify --quiet "${range_input#*..}^{commit}" || echo "${range_input#*..}")"
    range "${range_input%%..*}" "${range_input#*..}" "scanning the range given in the inputs"
elif [[ "$scan_input" == full ]]; then
    unshallow
    full_history
elif [[ "$scan_input" != auto ]]; then
    fail "the scan input must be auto or full, not '$scan_input'"
else
    case "$event" in
    push)
        before=$(event_field before)
        after=$(event_field after)
        [[ -n "$after" ]] || after=${GITHUB_SHA:-}
        if [[ "$(event_field deleted)" == true || -z "$after" || "$after" == "$ZERO" ]]; then
            nothing="the push deleted ${GITHUB_REF:-a ref}: nothing to scan"
        else
            is_shallow && ! have_commit "$after" && git -C "$repo" fetch --quiet --no-tags --depth=1 origin "$after" >/dev/null 2>&1
            need_commit "$after" pushed
            if is_shallow; then
                # A known previous tip: fetch down to it. A new branch or a force push: the
                # default branch and the whole history, as fetch-depth: 0 would have.
                if [[ -n "$before" && "$before" != "$ZERO" ]] && deepen_for "$before" "$after"; then
                    :
                else
                    unshallow
                fi
            fi
            if [[ -z "$before" || "$before" == "$ZERO" ]]; then
                new_branch "$after"
            elif ! have_commit "$before"; then
                log "the previous tip $before is not in the checkout (a force push, or a shallow clone)"
                new_branch "$after"
            else
                range "$before" "$after"
            fi
        fi
        ;;
    pull_request | pull_request_target)
        base=$(event_field pull_request.base.sha)
        head=$(event_field pull_request.head.sha)
        [[ -n "$base" && -n "$head" ]] || fail "the $event payload has no pull_request.base.sha / head.sha"
        is_shallow && range_history "$base" "$head"
        need_commit "$base" "pull request base"
        need_commit "$head" "pull request head"
        range "$base" "$head"
        ;;
    merge_group)
        base=$(event_field merge_group.base_sha)
        head=$(event_field merge_group.head_sha)
        [[ -n "$base" && -n "$head" ]] || fail "the merge_group payload has no base_sha / head_sha"
        is_shallow && range_history "$base" "$head"
        need_commit "$base" "merge group base"
        need_commit "$head" "merge group head"
        range "$base" "$head"
        ;;
    *)
        # schedule, workflow_dispatch and anything else: an audit of the whole history.
        unshallow
        full_history
        ;;
    esac
fi

mkdir -p "$(dirname "$sarif")" || fail "cannot create the directory of $sarif"
set_output sarif-file "$sarif"
set_output scanned "${scanned:-nothing}"

work=$(mktemp -d "${RUNNER_TEMP:-/tmp}/nhiscan.XXXXXX") || fail "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT
json="$work/findings.json"

if [[ -n "$nothing" ]]; then
    log "$nothing"
    # An empty report from nhiscan itself (an empty directory scanned), so that an
    # upload-sarif step after this one still has a valid SARIF log to upload.
    mkdir "$work/empty"
    "$nhiscan" dir "$work/empty" --quiet --no-color -f sarif -o "$sarif" --exit-code 0 ||
        fail "nhiscan could not write the SARIF report $sarif"
    set_output findings 0
    summary_line "### nhiscan"
    summary_line ""
    summary_line "Nothing to scan: $nothing."
    exit 0
fi

# One scan to JSON (what the annotations, the summary and the exit status come from), one to
# SARIF. Both are the same deterministic scan; a range scan costs little, and the rule
# database is compiled once and cached.
if [[ -n "$no_redact" ]]; then
    annotate warning "args has --no-redact: it applies only to the SARIF report file $sarif, which now holds secrets in full (so does code scanning if you upload it). Annotations, the job summary and this log stay redacted."
fi
cmd=(git "${scan_args[@]}" "${json_extra[@]}" --no-color)
log "running: nhiscan ${cmd[*]} -f json -o $json $repo"
"$nhiscan" "${cmd[@]}" -f json -o "$json" "$repo"
status=$?
if [[ $status -ne 0 && $status -ne 1 ]]; then
    fail "nhiscan exited with status $status while scanning $scanned (see the error above)"
fi
sarif_cmd=(git "${scan_args[@]}" "${extra[@]}" --no-color)
log "running: nhiscan ${sarif_cmd[*]} -f sarif -o $sarif --exit-code 0 $repo"
"$nhiscan" "${sarif_cmd[@]}" -f sarif -o "$sarif" --exit-code 0 "$repo"
sarif_status=$?  # 2 also for an incomplete scan (--exit-code 0 covers findings, not errors): checked below

python3 - "$json" "$scanned" "${GITHUB_STEP_SUMMARY:-}" "$work/count" "$work/incomplete" <<'PY' || fail "cannot read nhiscan's JSON report"
import json, sys

path, scanned, summary, count_file, incomplete_file = sys.argv[1:6]
with open(path, encoding="utf-8") as f:
    records = json.load(f)
# An incomplete scan ends with a status record (no rule_id; docs/reports.md).
findings = [r for r in records if "rule_id" in r]
incomplete = [r for r in records if r.get("complete") is False]


def prop(s):
    # Escaping for annotation properties (file=, line=, title=).
    return str(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def data(s):
    return str(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def cell(s):
    return str(s).replace("|", "\\|").replace("\n", " ").replace("`", "'")


def redacted(s):
    # The JSON report is redacted by nhiscan (no --no-redact reaches it); this is a second
    # guard with the same rule (docs/architecture.md, Redaction): never print a secret whole.
    s = str(s or "")
    if s.endswith("*****"):
        return s
    if s.startswith("-----BEGIN"):
        return s.split("\n", 1)[0].strip()
    if len(s) >= 16:
        return s[:4] + "*****"
    if len(s) >= 8:
        return s[:2] + "*****"
    return "*****"


order = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}
findings.sort(key=lambda f: (order.get(f.get("severity"), 9), f.get("path", ""), f.get("line", 0)))
for f in findings:
    where = [f"file={prop(f.get('path', ''))}"]
    for key, name in (("line", "line"), ("column", "col"), ("end_line", "endLine"), ("end_column", "endColumn")):
        if f.get(key):
            where.append(f"{name}={int(f[key])}")
    where.append(f"title={prop('nhiscan: ' + f.get('rule_id', 'secret'))}")
    msg = f"{f.get('rule_name', f.get('rule_id', 'secret'))} ({f.get('severity', '?')}): {redacted(f.get('secret'))}"
    if f.get("commit"):
        msg += f" introduced in {f['commit'][:12]}"
        if f.get("author_name"):
            msg += f" by {f['author_name']}"
    if f.get("remediation"):
        msg += "\nFix: " + f["remediation"]
    print(f"::error {','.join(where)}::{data(msg)}")

for status in incomplete:
    for why in status.get("reasons", []):
        print(f"::warning title=nhiscan: incomplete scan::{data(why.get('message', why.get('reason', '')))}")

if summary:
    with open(summary, "a", encoding="utf-8") as out:
        out.write("### nhiscan\n\n")
        n = len(findings)
        out.write(f"Scanned: {scanned}. {'No credentials found.' if n == 0 else f'**{n} finding' + ('s' if n != 1 else '') + '.**'}\n\n")
        for status in incomplete:
            reasons = "; ".join(why.get("message", "") for why in status.get("reasons", []))
            out.write(f"**Incomplete scan:** {cell(reasons)}.\n\n")
        if n:
            out.write("| Severity | Rule | Location | Secret (redacted) | Commit |\n")
            out.write("| --- | --- | --- | --- | --- |\n")
            for f in findings:
                loc = f"{f.get('path', '')}:{f.get('line', '')}"
                commit = (f.get("commit") or "")[:12]
                out.write(f"| {cell(f.get('severity', ''))} | {cell(f.get('rule_name', f.get('rule_id', '')))} (`{cell(f.get('rule_id', ''))}`) "
                          f"| `{cell(loc)}` | `{cell(redacted(f.get('secret')))}` | {cell(commit)} |\n")
            out.write("\nRotate real credentials first, then remove them; mark false positives with "
                      "`nhiscan:allow` on the line or record them in a baseline.\n")
with open(count_file, "w") as out:
    out.write(f"{len(findings)}\n")
with open(incomplete_file, "w") as out:
    out.write(f"{len(incomplete)}\n")
PY
count=$(cat "$work/count")
set_output findings "$count"
incomplete=$(cat "$work/incomplete")
# An incomplete scan (something could not be read) that also found something: nhiscan exits 1
# for the JSON report and 2 for the SARIF one, which it still writes. The findings are shown
# above; the job then fails as for any error, whatever fail-on-findings says.
if [[ $sarif_status -ne 0 ]] && ! [[ $sarif_status -eq 2 && "$incomplete" -gt 0 && -s "$sarif" ]]; then
    fail "nhiscan could not write the SARIF report $sarif"
fi
if [[ "$incomplete" -gt 0 ]]; then
    fail "the scan of $scanned is incomplete: nhiscan could not read everything (see the errors above), so the $(findings_of "$count") reported may not be all"
fi

if [[ "$count" -eq 0 ]]; then
    log "no credentials found ($scanned)"
    exit 0
fi
if truthy "$fail_on_findings"; then
    log "$(findings_of "$count") in $scanned: failing the job (set fail-on-findings: false to report only)"
    exit 1
fi
log "$(findings_of "$count") in $scanned; fail-on-findings is false, so the job passes"
exit 0
