"""Builds torch-extra.safetensors: PyTorch results for the layers, losses, optimisers and schedulers the
RefNet fixture does not exercise. Run with Debian's python3-torch:  python3 make_extra_reference.py
Every case stores its inputs, its output and, where differentiable, the gradient of sum(output * r) for a
stored random r (names: <case>.x, <case>.r, <case>.out, <case>.grad.<input>).
"""
import json, struct, torch, torch.nn as nn, torch.nn.functional as F
torch.manual_seed(4321)
T = {}

def case(name, fn, inputs):
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    out = fn(**leaves)
    r = torch.randn(out.shape)
    (out * r).sum().backward()
    for k, v in inputs.items(): T[f'{name}.{k}'] = v
    T[f'{name}.out'] = out.detach(); T[f'{name}.r'] = r
    for k, v in leaves.items(): T[f'{name}.grad.{k}'] = v.grad

x = torch.randn(2, 4, 6, 5)
case('groupnorm', lambda x, w, b: F.group_norm(x, 2, w, b), {'x': x, 'w': torch.randn(4), 'b': torch.randn(4)})
case('avgpool', lambda x: F.avg_pool2d(x, 3, 2, 1), {'x': x})
case('maxpool', lambda x: F.max_pool2d(x, 3, 2, 1), {'x': x})
case('nearest', lambda x: F.interpolate(x, scale_factor=3, mode='nearest'), {'x': x})
case('bilinear', lambda x: F.interpolate(x, scale_factor=3, mode='bilinear', align_corners=False), {'x': x})
case('leaky', lambda x: F.leaky_relu(x, 0.2), {'x': x})
case('tanh', lambda x: torch.tanh(x), {'x': x})
case('softmax', lambda x: F.softmax(x.reshape(2, 4, -1), -1).reshape(2, 4, 6, 5), {'x': x})
case('groupedconv', lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1, dilation=1, groups=2), {'x': x, 'w': torch.randn(6, 2, 3, 3), 'b': torch.randn(6)})
case('convtranspose', lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1, groups=2),
     {'x': x, 'w': torch.randn(4, 3, 3, 3), 'b': torch.randn(6)})
case('linear', lambda x, w, b: F.linear(x, w, b), {'x': torch.randn(3, 5), 'w': torch.randn(4, 5), 'b': torch.randn(4)})

logits = torch.randn(2, 3, 4, 5) * 2
mask = (torch.rand(2, 3, 4, 5) > 0.7).float()
values = torch.randn(2, 3, 4, 5)
classes = torch.randint(0, 3, (2, 4, 5))
T['loss.logits'] = logits; T['loss.mask'] = mask; T['loss.values'] = values; T['loss.classes'] = classes.float()

def focal(l, t, gamma=2.0, alpha=0.25):  # the definition of Lin et al. (torchvision's sigmoid_focal_loss)
    p = torch.sigmoid(l); ce = F.binary_cross_entropy_with_logits(l, t, reduction='none')
    pt = p * t + (1 - p) * (1 - t); a = alpha * t + (1 - alpha) * (1 - t)
    return (a * (1 - pt) ** gamma * ce).mean()

def dice(l, t, s=1.0):
    p = torch.sigmoid(l).flatten(2); t = t.flatten(2)
    return (1 - (2 * (p * t).sum(2) + s) / (p.sum(2) + t.sum(2) + s)).mean()

losses = {
    'bce': lambda l: F.binary_cross_entropy_with_logits(l, mask, pos_weight=torch.tensor(3.0)),
    'focal': lambda l: focal(l, mask),
    'dice': lambda l: dice(l, mask),
    'mse': lambda l: F.mse_loss(l, values),
    'l1': lambda l: F.l1_loss(l, values),
    'smoothl1': lambda l: F.smooth_l1_loss(l, values, beta=0.5),
    'crossentropy': lambda l: F.cross_entropy(l, classes),
}
for name, fn in losses.items():
    l = logits.clone().requires_grad_(True); v = fn(l); v.backward()
    T[f'loss.{name}'] = v.detach().reshape(1); T[f'loss.{name}.grad'] = l.grad

p0 = torch.randn(10); grads = [torch.randn(10) for _ in range(3)]
T['opt.p0'] = p0
for i, g in enumerate(grads): T[f'opt.g{i}'] = g
opts = {
    'sgd': lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-2),
    'sgdplain': lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.8, dampening=0.1, weight_decay=0),
    'adam': lambda p: torch.optim.Adam([p], lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=1e-2),
    'adamw': lambda p: torch.optim.AdamW([p], lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1),
}
for name, make in opts.items():
    p = p0.clone().requires_grad_(True); o = make(p)
    for g in grads:
        p.grad = g.clone(); o.step()
    T[f'opt.{name}'] = p.detach().clone()

p = torch.zeros(1, requires_grad=True); o = torch.optim.SGD([p], lr=1.0)
s = torch.optim.lr_scheduler.StepLR(o, step_size=2, gamma=0.5); lrs = []
for _ in range(7): o.step(); s.step(); lrs.append(o.param_groups[0]['lr'])
T['sched.step'] = torch.tensor(lrs)
o = torch.optim.SGD([p], lr=1.0)
s = torch.optim.lr_scheduler.ReduceLROnPlateau(o, factor=0.5, patience=2, threshold=1e-2, cooldown=1, min_lr=0.1)
metrics = [5, 4, 4.1, 4.0, 3.99, 4.5, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0]; lrs = []
for m in metrics: s.step(m); lrs.append(o.param_groups[0]['lr'])
T['sched.plateau.metrics'] = torch.tensor(metrics, dtype=torch.float32); T['sched.plateau'] = torch.tensor(lrs)

a = torch.randn(3, 4, requires_grad=True); b = torch.randn(5, requires_grad=True)
a.grad = torch.randn(3, 4); b.grad = torch.randn(5)
T['clip.a'] = a.grad.clone(); T['clip.b'] = b.grad.clone()
norm = torch.nn.utils.clip_grad_norm_([a, b], 1.5)
T['clip.norm'] = norm.reshape(1); T['clip.a.out'] = a.grad.clone(); T['clip.b.out'] = b.grad.clone()

def save(path, tensors):
    header, off, blobs = {}, 0, []
    for k in sorted(tensors):
        b = struct.pack(f'<{tensors[k].numel()}f', *tensors[k].detach().float().flatten().tolist())
        header[k] = {'dtype': 'F32', 'shape': list(tensors[k].shape), 'data_offsets': [off, off + len(b)]}
        blobs.append(b); off += len(b)
    h = json.dumps(header, separators=(',', ':')).encode(); h += b' ' * ((8 - len(h) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h))); f.write(h)
        for b in blobs: f.write(b)
save('torch-extra.safetensors', T)
print('tensors', len(T))
