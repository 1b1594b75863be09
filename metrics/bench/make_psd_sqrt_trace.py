#!/usr/bin/env python3
"""Generates psd_sqrt_trace.pt, the TorchScript program FidCalculator runs through DJL's PyTorch
engine so that the 2048 x 2048 factorisations use LAPACK instead of EJML's Java solvers.

It holds no weights, only this function. Run once with Debian's PyTorch
(`apt-get install python3-torch`) from the metrics folder:
    /usr/bin/python3 bench/make_psd_sqrt_trace.py
and it writes src/main/resources/io/pggan/metrics/linalg/psd_sqrt_trace.pt.
"""
import os

import torch


class PsdProductEigenvalues(torch.nn.Module):
    """(s1, s2) float64 symmetric d x d -> (eigenvalues of L^T s2 L with s1 = L L^T, info).

    info != 0 means s1 is not numerically positive definite (Cholesky failed); the caller then
    uses its own semi-definite route.
    """

    def forward(self, s1: torch.Tensor, s2: torch.Tensor):
        l, info = torch.linalg.cholesky_ex(s1)
        if int(info.item()) != 0:
            return torch.zeros(0, dtype=s1.dtype), info
        m = l.t().matmul(s2).matmul(l)
        m = 0.5 * (m + m.t())
        return torch.linalg.eigvalsh(m), info


here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "src", "main", "resources", "io", "pggan", "metrics", "linalg",
                   "psd_sqrt_trace.pt")
scripted = torch.jit.script(PsdProductEigenvalues().eval())
scripted.save(out)
# self-check against the definition
g = torch.Generator().manual_seed(0)
x = torch.randn(50, 8, dtype=torch.float64, generator=g)
y = torch.randn(40, 8, dtype=torch.float64, generator=g)
s1, s2 = torch.cov(x.t()), torch.cov(y.t())
ev, info = torch.jit.load(out)(s1, s2)
ref = torch.linalg.eigvals(s1.matmul(s2)).real.sort().values
assert int(info) == 0 and torch.allclose(ev, ref, rtol=1e-10, atol=1e-12), (ev, ref)
print("wrote", out, "check ok", float(ev.clamp(min=0).sqrt().sum()))
