#!/usr/bin/env python3
"""Generates tiny_extractor.pt, a few-KB TorchScript stand-in for pytorch-fid's Inception.

Run once with Debian's PyTorch (`apt-get install python3-torch`):
    /usr/bin/python3 make_tiny_extractor.py
It writes
  tiny_extractor.pt        scripted module: [N,3,H,W] float -> [N,8,1,1] (like pytorch-fid's pool3)
  tiny_input.npy           float32 (2,3,16,16) input in [-1, 1]
  tiny_expected.npy        float32 (2,8) features of tiny_input computed by PyTorch
The Java test loads the .pt file through DJL's PyTorch engine and compares the features.
"""
import numpy as np
import torch
import torch.nn.functional as F


class TinyExtractor(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        # resize inside the model, as pytorch-fid's InceptionV3(resize_input=True) does
        x = F.interpolate(x, size=(12, 12), mode="bilinear", align_corners=False)
        x = torch.relu(self.conv(x))
        return F.adaptive_avg_pool2d(x, (1, 1))


torch.manual_seed(0)
model = TinyExtractor().eval()
scripted = torch.jit.script(model)
scripted.save("tiny_extractor.pt")
rng = np.random.RandomState(0)
x = (rng.rand(2, 3, 16, 16).astype(np.float32) * 2 - 1)
np.save("tiny_input.npy", x)
with torch.no_grad():
    y = scripted(torch.from_numpy(x)).reshape(2, -1).numpy().astype(np.float32)
np.save("tiny_expected.npy", y)
print("features", y)
