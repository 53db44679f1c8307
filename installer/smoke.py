"""The offline smoke test of a built bundle (run by installer/smoke.sh inside a network namespace
that has only loopback). Every step runs the bundle's own executables under strace, so a step
fails if anything in it tries to open a socket to an address other than loopback.

Steps: version, doctor (offline, bundled fonts, no system fonts), the sample import, the tiny test
model registered and trained 2 steps with a SIGKILL after the first checkpoint and a resume (with
--multiprocess, a 2-process run through accelerate's launcher), an evaluation of 4 prompts, the gateway answering one chat completion on loopback, and a screenshot of
every page in English and Arabic compared with the source tree's (same size, nearly the same pixels).

Writes build/smoke/result.json, the screenshots and each step's log; exit 1 names the failed step.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.helpers.tiny_model import tiny_recipe  # noqa: E402 - the source tree's, beside the bundle under test
PAGES = ("projects", "data", "train", "evaluate", "review", "release", "monitor")
LANGS = ("en", "ar")
# Differences allowed between the frozen app's screenshot and the source tree's: times shown as
# "x seconds ago" and the like. Glyph boxes for a whole line of Arabic differ far more.
MAX_DIFFERENT_PIXELS = 0.02
CONNECT = re.compile(r"connect\(\d+, \{sa_family=(AF_INET6?),[^}]*?(?:inet_addr\(\"([^\"]+)\"\)|inet_pton\(AF_INET6, \"([^\"]+)\")")
LOOPBACK = re.compile(r"^(127\.|::1$|::ffff:127\.)")


class StepFailed(Exception):
    pass


class Smoke:
    def __init__(self, bundle: Path, out: Path, python: str, multiprocess: bool = False) -> None:
        self.bundle, self.out, self.python, self.multiprocess = bundle, out, python, multiprocess
        self.work = Path(tempfile.mkdtemp(prefix="atlas-smoke-"))
        self.home = self.work / "home"
        self.logs = out / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        (out / "screens").mkdir(exist_ok=True)
        # The frozen app sees no installed font at all (the system's rendering settings, no font
        # folder), so every glyph it draws comes from the fonts it carries.
        fonts_conf = self.work / "fonts.conf"
        fonts_conf.write_text('<?xml version="1.0"?>\n<fontconfig><include ignore_missing="yes">/etc/fonts/conf.d</include>'
                              f"<cachedir>{self.work}/fc-cache</cachedir></fontconfig>\n")
        self.env = {**os.environ, "ATLAS_HOME": str(self.home), "ATLAS_USER": "smoke", "QT_QPA_PLATFORM": "offscreen",
                    "FONTCONFIG_FILE": str(fonts_conf), "PYTHONPATH": "", "PYTHONHOME": ""}
        self.env.pop("ATLAS_DATABASE_URL", None)
        self.source_env = {**os.environ, "ATLAS_HOME": str(self.home), "ATLAS_USER": "smoke", "QT_QPA_PLATFORM": "offscreen",
                           "PYTHONPATH": str(ROOT)}
        self.source_env.pop("ATLAS_DATABASE_URL", None)
        self.results: list[dict[str, Any]] = []
        self.project = ""
        self.straced = 0

    # ----------------------------------------------------------------- running the bundle

    def atlas(self, *args: str, program: str = "atlas", timeout: float = 600, check: bool = True, step: str = "") -> subprocess.CompletedProcess[str]:
        """Run one of the bundle's executables under strace; fail on a non-loopback connect."""
        cmd, trace = self.traced(program, args, step or args[0])
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=self.env)
        self.check_trace(trace)
        if check and proc.returncode != 0:
            raise StepFailed(f"`{program} {' '.join(args)}` exited {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-800:]}")
        return proc

    def popen(self, *args: str, step: str) -> tuple[subprocess.Popen[str], Path]:
        cmd, trace = self.traced("atlas", args, step)
        err = open(self.logs / f"{step}.stderr.txt", "w")  # noqa: SIM115 - closed with the process
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, env=self.env, start_new_session=True), trace

    def traced(self, program: str, args: tuple[str, ...], step: str) -> tuple[list[str], Path]:
        """The command line running ``program`` under strace, and the numbered file its trace goes to."""
        self.straced += 1
        trace = self.logs / f"strace-{self.straced:02d}-{step}.txt"
        return ["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace), str(self.bundle / program), *args], trace

    @staticmethod
    def events(stdout: str) -> list[dict[str, Any]]:
        """The JSON events a `--json-events` command printed."""
        return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]

    @staticmethod
    def check_trace(trace: Path) -> None:
        if not trace.is_file():
            raise StepFailed(f"strace wrote no trace at {trace}")
        for line in trace.read_text(errors="replace").splitlines():
            m = CONNECT.search(line)
            if m and not LOOPBACK.match(m.group(2) or m.group(3) or ""):
                raise StepFailed(f"a non-loopback connection was attempted ({trace.name}): {line.strip()}")

    def step(self, name: str, fn: Any) -> None:
        started = time.monotonic()
        try:
            detail = fn()
        except (StepFailed, subprocess.TimeoutExpired, OSError, ValueError, KeyError, AssertionError) as exc:
            self.results.append({"step": name, "ok": False, "seconds": round(time.monotonic() - started, 1), "error": str(exc)})
            print(f"FAIL {name}: {exc}", flush=True)
            raise StepFailed(name) from exc
        self.results.append({"step": name, "ok": True, "seconds": round(time.monotonic() - started, 1), **(detail or {})})
        print(f"ok   {name} ({time.monotonic() - started:.1f} s) {json.dumps(detail or {}, ensure_ascii=False)}", flush=True)

    # ----------------------------------------------------------------- the steps

    def version(self) -> dict[str, Any]:
        out = self.atlas("--version").stdout.strip()
        if not re.fullmatch(r"atlas \d+\.\d+\.\d+\S*", out):
            raise StepFailed(f"`atlas --version` printed {out!r}")
        return {"version": out}

    def doctor(self) -> dict[str, Any]:
        report = json.loads(self.atlas("doctor", "--json").stdout)
        problems = []
        if not report["offline"]:
            problems.append(f"offline mode is off: {report['offline_env']}")
        if not report["bundle"].get("frozen"):
            problems.append("doctor does not see the bundle")
        for family in ("Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic"):
            if family not in report["bundled_fonts"]:
                problems.append(f"the bundled fonts lack {family}: {report['bundled_fonts']}")
        if not report["arabic_fonts"]:
            problems.append("no Arabic font")
        installed = subprocess.run(["fc-list"], capture_output=True, text=True, env=self.env).stdout.strip()
        if installed:
            problems.append(f"the test's font configuration still shows installed fonts: {installed.splitlines()[0]}")
        if not report["database"]["ok"]:
            problems.append(f"database: {report['database']}")
        if problems:
            raise StepFailed("; ".join(problems))
        return {"arabic_fonts": report["arabic_fonts"], "variant": report["bundle"].get("variant"), "torch": report["torch"].get("version")}

    def data_import(self) -> dict[str, Any]:
        self.atlas("demo", "init", "--skip-model")
        self.project = json.loads(self.atlas("project", "list", "--json").stdout)[0]["name"]
        sample = self.bundle / "_internal" / "resources" / "samples" / "banking_conversations.jsonl"
        before = sample.read_bytes()
        out = json.loads(self.atlas("data", "import", str(sample), "--project", self.project, "--json").stdout)
        if sample.read_bytes() != before:
            raise StepFailed("the import changed its source file")
        return {"dataset_version": out["dataset_version"], "conversations": out["conversations"], "kept": out["kept"]}

    def tiny_model(self) -> dict[str, Any]:
        folder = self.work / "tiny-model"
        code = "import sys; from pathlib import Path; from tests.helpers.tiny_model import build_tiny_model; build_tiny_model(Path(sys.argv[1]))"
        subprocess.run([self.python, "-c", code, str(folder)], check=True, env=self.source_env, capture_output=True, timeout=300)
        self.atlas("models", "import-base", str(folder), "--name", "tiny")
        return {"model": "tiny"}

    def train(self) -> dict[str, Any]:
        recipe = self.work / "recipe.yaml"
        recipe.write_text(tiny_recipe(steps=2, save=1), encoding="utf-8")  # the tests' recipe for the tiny model
        proc, trace = self.popen("train", "--project", self.project, "--recipe", str(recipe), "--json-events", step="train")
        run_id, killed_at = None, None
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                ev = json.loads(line)
            except ValueError:
                continue
            run_id = run_id or ev.get("run_id")
            if ev.get("event") == "checkpoint" and ev.get("step") == 1:
                os.killpg(proc.pid, signal.SIGKILL)  # `atlas train`, strace and the training child's supervisor
                killed_at = 1
                break
        proc.wait(30)
        self.check_trace(trace)
        if not run_id or killed_at is None:
            raise StepFailed(f"the training run ended before its first checkpoint could be interrupted (run {run_id})")
        time.sleep(1.0)  # the training child notices its closed stdin and stops
        resumed = self.atlas("train", "--project", self.project, "--resume", run_id, "--json-events", step="train-resume")
        events = self.events(resumed.stdout)
        steps = [e["step"] for e in events if e.get("event") == "step"]
        final = events[-1] if events else {}
        if steps != [2] or final.get("event") != "finished":
            raise StepFailed(f"the resumed run did steps {steps} and ended with {final}")
        return {"run": run_id, "killed_after_step": killed_at, "resumed_steps": steps}

    def train_two_processes(self) -> dict[str, Any]:
        """`--devices 2`: accelerate's launcher and torch's elastic agent started from the bundle,
        two training processes joined over gloo on loopback (the several-GPU path, on the CPU).
        Only with --multiprocess: the run trains, but the launcher and both workers try to reach a
        DNS server (port 53) on this machine, from the source tree as well; not yet pinned down."""
        recipe = self.work / "recipe-2.yaml"
        recipe.write_text(tiny_recipe(steps=2, save=100), encoding="utf-8")
        out = self.atlas("train", "--project", self.project, "--recipe", str(recipe), "--devices", "2", "--json-events", step="train-2")
        events = self.events(out.stdout)
        prepared = next((e for e in events if e.get("event") == "prepared"), {})
        if prepared.get("world") != 2 or not events or events[-1].get("event") != "finished":
            raise StepFailed(f"two-process training: world {prepared.get('world')}, ended with {events[-1] if events else 'nothing'}")
        return {"world": 2, "steps": [e["step"] for e in events if e.get("event") == "step"]}

    def evaluate(self) -> dict[str, Any]:
        suite = self.work / "suite.jsonl"
        lines = (self.bundle / "_internal" / "resources" / "eval" / "banking_eval_suite.jsonl").read_text(encoding="utf-8").splitlines()
        suite.write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
        self.atlas("eval", "suite", "import", "--project", self.project, str(suite), "--name", "smoke")
        self.atlas("eval", "settings", "--project", self.project, "--set", "holdout_items=0", "--set", "decoding.max_new_tokens=12",
                   "--set", "decoding.batch_size=4")
        out = self.atlas("eval", "run", "--project", self.project, "--model", "v1", "--json-events", step="eval-run")
        events = self.events(out.stdout)
        final = events[-1] if events else {}
        if final.get("event") != "finished":
            raise StepFailed(f"the evaluation ended with {final}")
        return {"items": final.get("items"), "evaluation": final.get("evaluation")}

    def gateway(self) -> dict[str, Any]:
        key = json.loads(self.atlas("serve", "keys", "create", "--project", self.project, "--name", "smoke", "--json").stdout)["key"]
        self.atlas("serve", "route", "--project", self.project, "--share", "v1=10000", "--reason", "smoke test")
        port = 18800 + os.getpid() % 1000
        proc, trace = self.popen("serve", "--project", self.project, "--port", str(port), step="serve")
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise StepFailed(f"the gateway did not come up on 127.0.0.1:{port} (exit {proc.poll()})")
                time.sleep(0.5)
            body = json.dumps({"model": "atlas", "messages": [{"role": "user", "content": "كيف أفعّل البطاقة الجديدة؟"}],
                               "max_tokens": 8, "user": "smoke"}).encode()
            req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/chat/completions", data=body, method="POST",
                                         headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
            started = time.monotonic()
            with urllib.request.urlopen(req, timeout=300) as r:
                answer = json.loads(r.read())
                version = r.headers.get("x-atlas-version")
            if not answer.get("choices") or version != "v1":
                raise StepFailed(f"the gateway answered {answer} from {version}")
            return {"answered_by": version, "first_answer_s": round(time.monotonic() - started, 1),
                    "completion_tokens": answer.get("usage", {}).get("completion_tokens")}
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
            self.check_trace(trace)

    def screenshots(self) -> dict[str, Any]:
        import numpy as np
        from PySide6.QtGui import QImage

        worst: dict[str, float] = {}
        for lang in LANGS:
            for page in PAGES:
                frozen = self.out / "screens" / f"frozen-{lang}-{page}.png"
                source = self.out / "screens" / f"source-{lang}-{page}.png"
                args = ("--screenshot", str(frozen), "--page", page, "--lang", lang, "--size", "1280x720")
                # --check-glyphs: exit 1 naming any character shown that no font here (only the bundled ones) can draw
                self.atlas(*args, "--check-glyphs", program="atlas-desktop", step=f"shot-{lang}-{page}", timeout=180)
                subprocess.run([self.python, "-m", "atlas_desktop.cli", "gui", *args[:1], str(source), *args[2:]], check=True,
                               env=self.source_env, capture_output=True, timeout=180, cwd=ROOT)
                a, b = QImage(str(frozen)), QImage(str(source))
                if a.isNull() or a.size() != b.size():
                    raise StepFailed(f"{frozen.name} is {a.width()}x{a.height()}, the source tree's {b.width()}x{b.height()}")
                pa = np.asarray(a.convertToFormat(QImage.Format.Format_RGB32).constBits()).reshape(a.height(), -1)
                pb = np.asarray(b.convertToFormat(QImage.Format.Format_RGB32).constBits()).reshape(b.height(), -1)
                share = float(np.mean(np.any((pa != pb).reshape(a.height(), a.width(), 4), axis=2)))
                worst[f"{lang}-{page}"] = round(share, 4)
                if share > MAX_DIFFERENT_PIXELS:
                    raise StepFailed(f"{frozen.name} differs from the source tree's in {share:.1%} of its pixels (see {self.out / 'screens'})")
        return {"pages": len(worst), "max_different_pixels": max(worst.values()), "different_pixels": worst}

    def run(self) -> int:
        ok = True
        try:
            steps = [("version", self.version), ("doctor", self.doctor), ("data import", self.data_import),
                     ("tiny model", self.tiny_model), ("train, kill, resume", self.train), ("evaluate 4 prompts", self.evaluate),
                     ("gateway chat completion", self.gateway), ("screenshots en/ar", self.screenshots)]
            if self.multiprocess:  # off in CI for now: see train_two_processes
                steps.insert(5, ("train on 2 processes (accelerate launch)", self.train_two_processes))
            for name, fn in steps:
                self.step(name, fn)
        except StepFailed:
            ok = False
        (self.out / "result.json").write_text(json.dumps({"ok": ok, "bundle": str(self.bundle), "steps": self.results},
                                                         ensure_ascii=False, indent=2), encoding="utf-8")
        if ok:
            shutil.rmtree(self.work, ignore_errors=True)
        else:
            print(f"the smoke test's workspace is kept at {self.work}", flush=True)
        return 0 if ok else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bundle", default=str(ROOT / "build" / "dist" / "atlas-desktop"))
    ap.add_argument("--out", default=str(ROOT / "build" / "smoke"))
    ap.add_argument("--python", default=sys.executable, help="the source tree's Python (the tiny model, the reference screenshots)")
    ap.add_argument("--multiprocess", action="store_true", help="also train on 2 processes through accelerate's launcher")
    args = ap.parse_args()
    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    return Smoke(Path(args.bundle), out, args.python, args.multiprocess).run()


if __name__ == "__main__":
    sys.exit(main())
