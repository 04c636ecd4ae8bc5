"""PyTorch counterpart of `SpineKit.Benchmarks kernels`: times each UNet16 convolution at batch 1, 512x256
(forward, input gradient, weight gradient) with F.conv2d / F.conv_transpose2d and autograd, best of N runs.

Setup (Debian): apt-get install -y python3-torch libopenblas0-pthread
Run:            /usr/bin/python3 bench/scripts/torch_conv_layers.py [runs] [threads]
"""
import json, sys, time
import torch
import torch.nn.functional as F

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else torch.get_num_threads())
torch.manual_seed(0)


def best(f):
    f()
    times = []
    for _ in range(runs):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return min(times) * 1e3


def layers(h, w):
    ch = [16, 32, 64, 128, 256]
    for level, c in enumerate(ch):
        cin = 1 if level == 0 else ch[level - 1]
        yield f"down{level}a", False, cin, c, h >> level, w >> level, level > 0
        yield f"down{level}b", False, c, c, h >> level, w >> level, True
    for level in range(len(ch) - 2, -1, -1):
        c = ch[level]
        yield f"up{level}", True, 2 * c, c, h >> (level + 1), w >> (level + 1), True
        yield f"dec{level}a", False, 2 * c, c, h >> level, w >> level, True
        yield f"dec{level}b", False, c, c, h >> level, w >> level, True


total_forward = total_training = 0.0
for name, transposed, cin, cout, h, w, needs_input_grad in list(layers(512, 256)) + [("head", False, 16, 68, 512, 256, True)]:
    x = torch.randn(1, cin, h, w, requires_grad=needs_input_grad)
    k = 1 if name == "head" else (2 if transposed else 3)
    if transposed:
        weight = torch.randn(cin, cout, 2, 2, requires_grad=True)
        bias = torch.randn(cout, requires_grad=True)
        op = lambda: F.conv_transpose2d(x, weight, bias, stride=2)
    else:
        weight = torch.randn(cout, cin, k, k, requires_grad=True)
        bias = torch.randn(cout, requires_grad=True) if name == "head" else None
        op = lambda: F.conv2d(x, weight, bias, padding=k // 2)
    with torch.no_grad():
        forward = best(op)
    y = op()
    grad = torch.randn_like(y)
    backward = best(lambda: torch.autograd.grad(y, [t for t in (x, weight, bias) if t is not None and t.requires_grad], grad, retain_graph=True))
    flops = 2.0 * y.numel() * (cout if transposed else cin) * k * k if not transposed else 2.0 * x.numel() * cout * 4
    total_forward += forward
    total_training += forward + backward
    print(json.dumps({"engine": "pytorch-" + torch.__version__, "threads": torch.get_num_threads(), "layer": name,
                      "gflop": round(flops / 1e9, 3), "forward_ms": round(forward, 3), "backward_ms": round(backward, 3),
                      "forward_gflops": round(flops / forward / 1e6, 1), "backward_gflops": round(2 * flops / backward / 1e6, 1)}))
print(json.dumps({"engine": "pytorch-" + torch.__version__, "threads": torch.get_num_threads(), "case": "unet16-conv-total",
                  "forward_ms": round(total_forward, 3), "forward_backward_ms": round(total_training, 3)}))
