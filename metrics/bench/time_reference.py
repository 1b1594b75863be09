#!/usr/bin/env python3
"""Times the NumPy reference (ref_metrics.py) on the data the Java benchmarks write.

Run the Java benchmark once first (it writes metrics/target/bench/*.npy), then e.g.
  /usr/bin/python3 metrics/bench/time_reference.py swd    --ref /work/shared/bench/metrics_ref
  /usr/bin/python3 metrics/bench/time_reference.py msssim --ref /work/shared/bench/metrics_ref
  /usr/bin/python3 metrics/bench/time_reference.py fid    --ref /work/shared/bench/metrics_ref
  /usr/bin/python3 metrics/bench/time_reference.py nn     --ref /work/shared/bench/metrics_ref
Each prints one JSON line with the seconds and the value.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("task", choices=["swd", "msssim", "fid", "nn"])
ap.add_argument("--ref", required=True, help="folder holding ref_metrics.py")
ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "target", "bench"))
ap.add_argument("--images", type=int, default=1000)
ap.add_argument("--pairs", type=int, default=5000)
ap.add_argument("--rows", type=int, default=10000)
args = ap.parse_args()
sys.path.insert(0, args.ref)
import ref_metrics as rm  # noqa: E402

d = args.data
t0 = time.time()
if args.task == "swd":
    a = np.load(os.path.join(d, "img_a_%d_128.npy" % args.images))
    b = np.load(os.path.join(d, "img_b_%d_128.npy" % args.images))
    t0 = time.time()
    r = rm.swd(a, b, seed=1, precision="float32")
    out = {"task": "swd", "images": args.images, "avg": r["swd_x1e3_avg"]}
elif args.task == "msssim":
    a = np.load(os.path.join(d, "img_a_1000_128.npy"))
    t0 = time.time()
    pairs = rm.random_pairs(len(a), args.pairs, 0)
    mean, _ = rm.msssim_mean(a[pairs[:, 0]], a[pairs[:, 1]], f32_products=True)
    out = {"task": "msssim", "pairs": args.pairs, "mean": mean}
elif args.task == "nn":
    a = np.load(os.path.join(d, "img_a_1000_128.npy"))
    b = np.load(os.path.join(d, "img_b_1000_128.npy"))[:200]
    t0 = time.time()
    idx, dist = rm.nearest_neighbours(b, a, k=5)
    out = {"task": "nn", "first": int(idx[0, 0]), "d": float(dist[0, 0])}
else:
    fa = np.load(os.path.join(d, "feat_a_%d_2048.npy" % args.rows))
    fb = np.load(os.path.join(d, "feat_b_%d_2048.npy" % args.rows))
    t0 = time.time()
    val, tr, _ = rm.fid_from_features(fa, fb, "eig")
    out = {"task": "fid", "rows": args.rows, "fid": val}
out["seconds"] = round(time.time() - t0, 2)
print(json.dumps(out))
