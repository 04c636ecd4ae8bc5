"""PyTorch side of `SpineKit.Benchmarks unet RUNS SHAPE train torch`: one UNet16 training step per request, so the
engine and PyTorch can be timed in alternating rounds of one run (a loaded machine then slows both alike).

Usage: /usr/bin/python3 bench/scripts/torch_unet_train.py ANCHOR THREADS BATCH HEIGHT WIDTH
ANCHOR is ../shared/bench/torch_unet_anchor.py: the network and the step are taken from it (its classes and
functions only; its own timing loop is not run), so there is one definition of UNet16 on the PyTorch side.
Prints "ready VERSION THREADS" after one warm-up step, then for each "step" line on stdin the wall-clock and the
process CPU seconds of one step (CPU time counts only this process's work when other jobs share the cores).
"""
import ast, sys, time

anchor, threads, batch, height, width = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
with open(anchor) as f:
    tree = ast.parse(f.read(), anchor)
tree.body = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef))]
scope = {"__name__": "torch_unet_anchor"}
exec(compile(tree, anchor, "exec"), scope)
torch = scope["torch"]
torch.set_num_threads(threads)
torch.manual_seed(0)

m = scope["UNet16"]()
x = torch.randn(batch, 1, height, width)
m.train()
opt = torch.optim.Adam(m.parameters(), 1e-3)


def step():  # as the anchor's step()
    opt.zero_grad(); y = m(x); (y * y).mean().backward(); opt.step()


step()
print("ready", torch.__version__, torch.get_num_threads(), flush=True)
for line in sys.stdin:
    if line.strip() != "step":
        break
    t, c = time.perf_counter(), time.process_time(); step()
    print(time.perf_counter() - t, time.process_time() - c, flush=True)
