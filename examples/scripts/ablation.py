#!/usr/bin/env python3
"""Runs a list of EndToEnd study variants one at a time, resumably, and collects one table.

    examples/scripts/ablation.py VARIANTS.json ROOT [--build] [--only NAME,...] [--dry-run]

VARIANTS.json:

    {"variants": [
       {"name": "base", "seed": 2018, "plan": {}},
       {"name": "tiny", "seed": 7, "args": ["--quick"], "plan": {"gan": {"bestMetric": "fid"}}},
       {"name": "base-20k", "seed": 2018, "plan": {"latent": {"labelSamples": 20000}}, "lock": false,
        "reuse": {"from": "base", "stages": ["data", "agecnn", "gan"]}},
       {"name": "hl2", "seed": 2018, "plan": {"gan": {"gsHalfLifeKimg": 2, "gsRampup": 0.05}},
        "reuse": {"from": "base", "stages": ["data", "agecnn"]}},
       ...]}

Each variant runs in ROOT/<name> as `EndToEnd --out ROOT/<name> --seed S --plan plan-override.json`
under `flock /tmp/heavy.lock` (the lock is released between variants), with `/usr/bin/time -v`
and the machine load (`/proc/loadavg`) sampled every 10 s. "reuse" hard-links the named stages'
outputs (data/, agecnn/, gan/ and stages/<stage>.json) of an earlier variant with the same seed,
which is safe because the later stages only read them; the data and age-CNN stages do not depend
on any GAN setting. A variant whose report exists is skipped, and an interrupted one resumes
(the study is resumable by stage, the GAN from its checkpoint).

--build snapshots the current build (the examples classpath, with the io.pggan jars copied) into
ROOT/build, so rebuilding the worktree never changes the code of a running variant; without it the
existing snapshot is used. The table goes to ROOT/table.md and ROOT/table.csv.
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
LOCK = "/tmp/heavy.lock"
REUSABLE = {"data": ["data"], "agecnn": ["agecnn"], "gan": ["gan"]}


def snapshot_build(root, repo_local):
    """Copies the examples' runtime classpath into ROOT/build and returns the classpath."""
    out = subprocess.run(
        ["mvn", "-B", "-ntp", "-o", "-q", f"-Dmaven.repo.local={repo_local}", "-pl", "examples",
         "exec:exec", "-Dexec.executable=echo", "-Dexec.args=%classpath"],
        cwd=REPO, check=True, capture_output=True, text=True).stdout
    cp = re.sub(r"\x1b\[[0-9;]*m", "", out).strip().splitlines()[-1].split(":")
    build = root / "build"
    if build.exists():
        shutil.rmtree(build)
    (build / "lib").mkdir(parents=True)
    entries = []
    for e in cp:
        p = Path(e)
        if p.is_dir():  # examples/target/classes
            dst = build / "classes"
            shutil.copytree(p, dst)
            entries.append(str(dst))
        elif "/io/pggan/" in e:
            dst = build / "lib" / p.name
            shutil.copy2(p, dst)
            entries.append(str(dst))
        else:
            entries.append(e)
    sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                         capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()
    (build / "classpath.txt").write_text(":".join(entries))
    (build / "commit.txt").write_text(sha + (" (dirty)" if dirty else "") + "\n")
    return ":".join(entries)


def link_stage(src, dst, stage):
    src = Path(src)
    for d in REUSABLE[stage]:
        if (dst / d).exists() or not (src / d).exists():
            continue
        subprocess.run(["cp", "-al", str(src / d), str(dst / d)], check=True)
    marker = src / "stages" / f"{stage}.json"
    if not marker.exists():
        raise SystemExit(f"{src} has no finished stage {stage}")
    (dst / "stages").mkdir(parents=True, exist_ok=True)
    if not (dst / "stages" / f"{stage}.json").exists():
        shutil.copy2(marker, dst / "stages" / f"{stage}.json")


class LoadSampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.samples = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(10):
            with open("/proc/loadavg") as f:
                self.samples.append(float(f.read().split()[0]))


def run_variant(root, cp, v, java_opts):
    out = root / v["name"]
    out.mkdir(parents=True, exist_ok=True)
    reuse = v.get("reuse")
    if reuse:
        for stage in reuse["stages"]:
            link_stage(root / reuse["from"], out, stage)
    plan = out / "plan-override.json"
    plan.write_text(json.dumps(v.get("plan", {}), indent=2))
    cmd = ["java", *java_opts, "-cp", cp, "io.pggan.examples.EndToEnd", "--out", str(out),
           "--seed", str(v.get("seed", 2018)), "--plan", str(plan), *v.get("args", [])]
    env = dict(os.environ, KMP_BLOCKTIME="0", OMP_WAIT_POLICY="PASSIVE")
    log = open(out / "run.log", "ab")
    # stderr of the inner shell carries the start/end lines; the JVM's logs go to run.log.
    inner = ("echo \"start $(date -Is) $(cat /proc/loadavg)\" >&2; "
             "/usr/bin/time -v -o " + str(out / "time.txt") + " \"$@\" 2>>"
             + str(out / "run.log") + "; rc=$?; "
             "echo \"end $(date -Is) $(cat /proc/loadavg)\" >&2; exit $rc")
    sampler = LoadSampler()
    t0 = time.time()
    with open(out / "load.txt", "a") as lf:
        # The lock is taken here and released when this variant's JVM ends.
        # Variants that only redo the cheap stages (a few minutes) run without the lock.
        lock = ["flock", LOCK] if v.get("lock", True) else []
        p = subprocess.Popen([*lock, "sh", "-c", inner, "sh", *cmd],
                             stdout=log, stderr=subprocess.PIPE, env=env, text=True)
        started = False
        for line in p.stderr:
            lf.write(line)
            lf.flush()
            if line.startswith("start ") and not started:
                started = True
                t0 = time.time()
                sampler.start()
        rc = p.wait()
    sampler.stop.set()
    wall = time.time() - t0
    with open(out / "load.txt", "a") as lf:
        lf.write(json.dumps({"wall": wall, "rc": rc, "load1": sampler.samples}) + "\n")
    return rc


def num(x):
    return float("nan") if x is None else float(x)


def total_kimg(plan):
    """kimg of the short schedule; plan.json version 2 groups the fields, version 1 was flat."""
    gan, data = (plan["gan"], plan["data"]) if "gan" in plan else (plan, plan)
    return gan["phaseKimg"] * (2 * (data["resolution"].bit_length() - 3)) + gan["finalKimg"]


def collect(root, v):
    out = root / v["name"]
    s = out / "report" / "data" / "summary.json"
    if not s.exists():
        return None
    sm = json.loads(s.read_text())
    ev = sm.get("ganEvaluation", {})
    g, r = ev.get("generated", {}), ev.get("realVsReal", {})
    lasso, video = sm.get("lasso", {}), sm.get("video", {})
    st = sm.get("stageSeconds", {})
    plan = json.loads((out / "plan.json").read_text())
    loads, wall = [], float("nan")
    for line in (out / "load.txt").read_text().splitlines():
        if line.startswith('{"wall"'):
            d = json.loads(line)
            loads, wall = d["load1"], d["wall"]
    cpu = float("nan")
    t = out / "time.txt"
    rss = float("nan")
    if t.exists():
        txt = t.read_text()
        u = re.search(r"User time \(seconds\): ([\d.]+)", txt)
        sy = re.search(r"System time \(seconds\): ([\d.]+)", txt)
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", txt)
        if u and sy:
            cpu = float(u.group(1)) + float(sy.group(1))
        if m:
            rss = int(m.group(1)) / 1e6
    axis = num(lasso.get("axisTestMae")) / num(lasso.get("axisTestMaeOfMean"))
    best = out / "gan" / "best-gs.json"
    bk = json.loads(best.read_text())["kimg"] if best.exists() else float("nan")
    gan = num(st.get("gan"))
    return {
        "name": v["name"],
        "seed": plan["seed"],
        "setting": json.dumps(v.get("plan", {}), separators=(",", ":")),
        "kimg": total_kimg(plan),
        "gan_s": gan,
        "label_s": num(st.get("label")),
        "axis_s": num(st.get("axis")),
        "variant_s": gan + num(st.get("label")) + num(st.get("axis")) + num(st.get("evaluate")),
        "total_s": num(st.get("total (before the report)")),
        "wall_s": wall,
        "cpu_s": cpu,
        "load1_mean": sum(loads) / len(loads) if loads else float("nan"),
        "peak_rss_gb": rss,
        "swd": num(g.get("swd_x1e3_avg")),
        "swd_real": num(r.get("swd_x1e3_avg")),
        "swd_ratio": num(g.get("swd_x1e3_avg")) / num(r.get("swd_x1e3_avg")),
        "fid_cnn": num(g.get("fid")),
        "fid_real": num(r.get("fid")),
        "precision": num(g.get("precision")),
        "recall": num(g.get("recall")),
        "axis_mae": num(lasso.get("axisTestMae")),
        "axis_mae_mean": num(lasso.get("axisTestMaeOfMean")),
        "axis_ratio": axis,
        "axis_r2": num(lasso.get("axisHeldOutR2")),
        "spearman": num(video.get("spearmanPerFrame")),
        "spearman_trend": num(video.get("spearmanTrend")),
        "best_kimg": bk,
        "cnn_mae": num(sm.get("ageCnnTestMae")),
    }


COLUMNS = [("name", "{}"), ("seed", "{}"), ("setting", "`{}`"), ("kimg", "{:.0f}"),
           ("gan_s", "{:.0f}"), ("variant_s", "{:.0f}"), ("total_s", "{:.0f}"),
           ("load1_mean", "{:.2f}"), ("swd", "{:.1f}"), ("swd_ratio", "{:.2f}"),
           ("fid_cnn", "{:.2f}"), ("fid_real", "{:.2f}"), ("axis_ratio", "{:.3f}"),
           ("axis_r2", "{:.3f}"), ("spearman", "{:.3f}"), ("best_kimg", "{:.1f}")]


def write_table(root, rows):
    rows = [r for r in rows if r]
    if not rows:
        return
    with open(root / "table.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    lines = ["| " + " | ".join(c for c, _ in COLUMNS) + " |",
             "|" + "---|" * len(COLUMNS)]
    for r in rows:
        lines.append("| " + " | ".join(fmt.format(r[c]) for c, fmt in COLUMNS) + " |")
    (root / "table.md").write_text("\n".join(lines) + "\n")


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        raise SystemExit(__doc__)
    variants = json.loads(Path(args[0]).read_text())["variants"]
    root = Path(args[1]).resolve()
    root.mkdir(parents=True, exist_ok=True)
    only = None
    for a in argv:
        if a.startswith("--only="):
            only = set(a.split("=", 1)[1].split(","))
    repo_local = os.environ.get("REPO_LOCAL", "/work/m2/quality")
    if "--build" in argv or not (root / "build" / "classpath.txt").exists():
        snapshot_build(root, repo_local)
    cp = (root / "build" / "classpath.txt").read_text()
    java_opts = ["-Dai.djl.offline=true", "-Djava.awt.headless=true"]
    names = [v["name"] for v in variants]
    if len(set(names)) != len(names):
        raise SystemExit("variant names must be unique")
    for v in variants:
        if only and v["name"] not in only:
            continue
        if collect(root, v) is not None:
            continue
        if "--dry-run" in argv:
            print("would run", v["name"])
            continue
        print(time.strftime("%H:%M:%S"), "running", v["name"], flush=True)
        rc = run_variant(root, cp, v, java_opts)
        print(time.strftime("%H:%M:%S"), v["name"], "exit", rc, flush=True)
        write_table(root, [collect(root, x) for x in variants])
    write_table(root, [collect(root, x) for x in variants])


if __name__ == "__main__":
    main(sys.argv[1:])
