"""The release plumbing, checked as files (GitHub runs them, this suite cannot): the workflows
in .github/workflows parse as YAML with the keys GitHub needs and the jobs the project relies
on, every `run:` is valid bash, the release tag check works under simulated GitHub variables,
and every place that names the published image names the same one, pinned to CMake's version.
"""
import os
import re
import subprocess
import tempfile
import unittest

from support import BIN, SOURCE_DIR

try:
    import yaml
except ImportError:  # pragma: no cover
    yaml = None


def read(*parts):
    with open(os.path.join(SOURCE_DIR, *parts)) as f:
        return f.read()


def project_version():
    return re.search(r"project\(nhiscan VERSION ([0-9.]+)", read("CMakeLists.txt")).group(1)


def published_image():
    """The registry name is set once, in scripts/publish-image."""
    m = re.search(r'(?m)^image="([^"$]+):\$version"$', read("scripts", "publish-image"))
    return f"{m.group(1)}:{project_version()}"


@unittest.skipUnless(yaml, "PyYAML not available")
class Workflows(unittest.TestCase):
    def load(self, name):
        wf = yaml.safe_load(read(".github", "workflows", name))
        self.assertIsInstance(wf, dict, name)
        # YAML 1.1 reads the key `on` as true.
        wf["on"] = wf.pop(True, wf.get("on"))
        for key in ("name", "on", "jobs"):
            self.assertIn(key, wf, name)
        for job_name, job in wf["jobs"].items():
            self.assertIn("runs-on", job, job_name)
            self.assertTrue(job["steps"], job_name)
            for step in job["steps"]:
                self.assertEqual(len({"uses", "run"} & set(step)), 1, step)
        return wf

    def runs(self, wf):
        return [s["run"] for job in wf["jobs"].values() for s in job["steps"] if "run" in s]

    def test_every_run_step_is_valid_bash(self):
        for name in sorted(os.listdir(os.path.join(SOURCE_DIR, ".github", "workflows"))):
            self.assertRegex(name, r"\.yml$")
            for script in self.runs(self.load(name)):
                # ${{ ... }} expressions are filled in by GitHub before bash sees the script.
                script = re.sub(r"\$\{\{[^}]*\}\}", "X", script)
                r = subprocess.run(["bash", "-n", "-c", script], capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, f"{name}: {r.stderr}\n{script}")

    def test_ci_runs_the_ci_entry_point_on_push_and_pull_request(self):
        wf = self.load("ci.yml")
        self.assertIn("push", wf["on"])
        self.assertIn("pull_request", wf["on"])
        linux = wf["jobs"]["linux"]
        self.assertEqual(linux["container"], "debian:bookworm")
        self.assertIn("bash .ci/run", self.runs({"jobs": {"linux": linux}}))
        checkout = [s for s in linux["steps"] if s.get("uses", "").startswith("actions/checkout@")]
        self.assertEqual(checkout[0]["with"]["fetch-depth"], 0)
        # The macOS entry (untested here): Homebrew's vectorscan, no Debian paths.
        mac = wf["jobs"]["macos"]
        self.assertRegex(mac["runs-on"], r"^macos-")
        mac_runs = "\n".join(self.runs({"jobs": {"macos": mac}}))
        self.assertIn("brew install", mac_runs)
        self.assertIn("vectorscan", mac_runs)
        self.assertNotIn("/usr/lib", mac_runs)

    def test_release_packages_uploads_and_publishes_on_a_version_tag(self):
        wf = self.load("release.yml")
        self.assertEqual(wf["on"], {"push": {"tags": ["v*"]}})
        self.assertEqual(wf["permissions"], {"contents": "write", "packages": "write"})
        runs = "\n".join(self.runs(wf))
        self.assertIn("scripts/package", runs)
        self.assertIn('ctest --test-dir build --output-on-failure -R "^package\\."', runs)
        for asset in ("dist/nhiscan_*_amd64.deb", "dist/nhiscan-*-linux-x86_64.tar.gz", "dist/SHA256SUMS"):
            self.assertIn(asset, runs)
        self.assertIn("gh release create", runs)
        self.assertIn("scripts/publish-image", runs)

    def test_release_tag_check_under_simulated_github_variables(self):
        wf = self.load("release.yml")
        [step] = [s for j in wf["jobs"].values() for s in j["steps"] if s.get("name") == "Check the tag against the project version"]
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "build"))
            with open(os.path.join(d, "build", "nhiscan-version"), "w") as f:
                f.write(project_version() + "\n")
            run = lambda tag: subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                             cwd=d, capture_output=True, text=True,
                                             env={"PATH": os.environ["PATH"], "GITHUB_REF_NAME": tag})
            self.assertEqual(run("v" + project_version()).returncode, 0)
            bad = run("v9.9.9")
            self.assertEqual(bad.returncode, 1)
            self.assertIn(f"::error::tag v9.9.9 is not v{project_version()}", bad.stdout)

    def test_dogfood_runs_the_action_at_its_own_commit(self):
        wf = self.load("dogfood.yml")
        self.assertIn("push", wf["on"])
        self.assertIn("pull_request", wf["on"])
        [job] = wf["jobs"].values()
        [own] = [s for s in job["steps"] if s.get("uses") == "./action"]
        # This commit's image: built from source, since the published one is the last release's.
        self.assertEqual(own["with"]["build-from-source"], "true")
        checkout = job["steps"][0]
        self.assertTrue(checkout["uses"].startswith("actions/checkout@"))
        self.assertEqual(checkout["with"]["fetch-depth"], 0)
        self.assertEqual(wf["permissions"]["security-events"], "write")


@unittest.skipUnless(yaml, "PyYAML not available")
class PublishedImage(unittest.TestCase):
    def test_every_consumer_pins_the_published_image_of_this_version(self):
        image = published_image()
        action = yaml.safe_load(read("action", "action.yml"))
        [step] = [s for s in action["runs"]["steps"] if s.get("id") == "image"]
        self.assertEqual(step["env"]["NHISCAN_IMAGE"], image)
        gitlab = yaml.safe_load(read("ci", "nhiscan.gitlab-ci.yml"))
        self.assertEqual(gitlab["variables"]["NHISCAN_IMAGE"], image)
        hooks = {h["id"]: h for h in yaml.safe_load(read(".pre-commit-hooks.yaml"))}
        self.assertEqual(hooks["nhiscan-docker"]["language"], "docker_image")
        self.assertEqual(hooks["nhiscan-docker"]["entry"].split()[-1], image)
        # The script hooks stay for those who install nhiscan.
        self.assertEqual(hooks["nhiscan"]["language"], "script")
        self.assertEqual(hooks["nhiscan-pre-push"]["language"], "script")
        # No other file names another tag of the image.
        for rel in ("action/action.yml", "ci/nhiscan.gitlab-ci.yml", ".pre-commit-hooks.yaml", "docs/install.md"):
            for tag in re.findall(re.escape(image.split(":")[0]) + r":([0-9][0-9.]*[0-9])", read(*rel.split("/"))):
                self.assertEqual(tag, project_version(), rel)

    def test_publish_image_builds_from_the_deb(self):
        script = read("scripts", "publish-image")
        self.assertIn('docker build -f action/Dockerfile --build-arg "NHISCAN_VERSION=$version" -t "$image" .', script)
        self.assertIn('[[ -f "dist/nhiscan_${version}_amd64.deb" ]] || scripts/package', script)


class Version(unittest.TestCase):
    def test_version_names_the_release_the_rule_pack_and_hyperscan(self):
        r = subprocess.run([BIN, "--version"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 3, r.stdout)
        self.assertEqual(lines[0], f"nhiscan {project_version()}")
        self.assertRegex(lines[1], r"^rules [0-9a-f]{12}$")
        self.assertRegex(lines[2], r"^hyperscan \d+\.\d+\.\d+ ")
        # Stable: computed from the built-in pack, not from the run.
        self.assertEqual(subprocess.run([BIN, "--version"], capture_output=True, text=True).stdout, r.stdout)


if __name__ == "__main__":
    unittest.main()
