"""PyTorch reference for Gantry's benchmark: the seed models with the same architecture, weight
initialisation, batch, loss, optimizer, noise and iteration structure as their experiments/seeds/
specs, timed the way `gantry bench` times Gantry (warm-up left out, whole loop per step).

Also counts the floating-point work of one training iteration (torch.utils.flop_counter: every
matmul and convolution, forward and backward) and measures the machine's float32 matmul peak.

    python bench/torch_reference.py MODEL --warmup W --steps N --threads T --data-dir data --json out.json
"""
import argparse
import gzip
import json
import math
import os
import platform
import statistics
import time

import numpy as np
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

# Keras/TF batch norm momentum m (running = m * running + (1 - m) * batch) is PyTorch's 1 - m.
TF_BN = dict(eps=1e-3, momentum=0.01)


def glorot(module):
    """Keras'/TF's glorot_uniform weights and zero biases, as DL4J's XAVIER_UNIFORM gives Gantry."""
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    return module


def normal002(module):
    """d2l's N(0, 0.02) weights (seed 003)."""
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0.0, 0.02)
    return module


def mlp(widths, act, out_act=None, bn=None):
    layers = [nn.Flatten()]
    for i in range(len(widths) - 2):
        layers += [nn.Linear(widths[i], widths[i + 1]), act()]
        if bn:
            layers.append(nn.BatchNorm1d(widths[i + 1], **bn))
    layers.append(nn.Linear(widths[-2], widths[-1]))
    if out_act:
        layers.append(out_act())
    return nn.Sequential(*layers)


def lrelu():
    return nn.LeakyReLU(0.2)


def dcgan_tf():
    g = nn.Sequential(
        nn.Unflatten(1, (100, 1, 1)),
        nn.ConvTranspose2d(100, 256, 7, bias=False), nn.BatchNorm2d(256, **TF_BN), lrelu(),
        nn.ConvTranspose2d(256, 128, 5, 2, 2, output_padding=1, bias=False), nn.BatchNorm2d(128, **TF_BN), lrelu(),
        nn.ConvTranspose2d(128, 1, 5, 2, 2, output_padding=1), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(1, 128, 5, 2, 2, bias=False), nn.BatchNorm2d(128, **TF_BN), lrelu(),
        nn.Conv2d(128, 256, 5, 2, 2, bias=False), nn.BatchNorm2d(256, **TF_BN), lrelu(),
        nn.Conv2d(256, 1, 7), nn.Flatten())
    return glorot(g), glorot(d)


def dcgan_d2l(n=64):
    bn = dict(eps=1e-5, momentum=0.1)
    g = [nn.Unflatten(1, (100, 1, 1)), nn.ConvTranspose2d(100, 8 * n, 4, 1, 0, bias=False),
         nn.BatchNorm2d(8 * n, **bn), nn.ReLU()]
    for c in (8 * n, 4 * n, 2 * n):
        g += [nn.ConvTranspose2d(c, c // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(c // 2, **bn), nn.ReLU()]
    g += [nn.ConvTranspose2d(n, 3, 4, 2, 1, bias=False), nn.Tanh()]
    d, c = [], 3
    for out in (n, 2 * n, 4 * n, 8 * n):
        d += [nn.Conv2d(c, out, 4, 2, 1, bias=False), nn.BatchNorm2d(out, **bn), lrelu()]
        c = out
    d += [nn.Conv2d(8 * n, 1, 4, bias=False), nn.Flatten()]
    return normal002(nn.Sequential(*g)), normal002(nn.Sequential(*d))


def dcgan_upsample():
    g = nn.Sequential(
        nn.Linear(100, 1024), nn.Tanh(), nn.Linear(1024, 128 * 7 * 7), nn.BatchNorm1d(128 * 7 * 7, **TF_BN), nn.Tanh(),
        nn.Unflatten(1, (128, 7, 7)), nn.Upsample(scale_factor=2), nn.Conv2d(128, 64, 5, padding=2), nn.Tanh(),
        nn.Upsample(scale_factor=2), nn.Conv2d(64, 1, 5, padding=2), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(1, 64, 5, padding=2), nn.Tanh(), nn.MaxPool2d(2), nn.Conv2d(64, 128, 5), nn.Tanh(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(128 * 5 * 5, 1024), nn.Tanh(), nn.Linear(1024, 1))
    return glorot(g), glorot(d)


def log_epsilon(eps=1e-12):
    """Seed 000: -mean(log(D(x) + eps) + log(1 - D(G(z)) + eps)); G: -mean(log(D(G(z)) + eps))."""
    def real(logits):
        return -torch.log(torch.sigmoid(logits) + eps).mean()

    def fake(logits):
        return -torch.log(1 - torch.sigmoid(logits) + eps).mean()
    return real, fake, real


def keras_bce(eps=1e-7):
    """Keras binary_crossentropy on sigmoid probabilities, clipped to [eps, 1 - eps]."""
    def real(logits):
        return -torch.log(torch.sigmoid(logits).clamp(eps, 1 - eps)).mean()

    def fake(logits):
        return -torch.log(1 - torch.sigmoid(logits).clamp(eps, 1 - eps)).mean()
    return real, fake, real


def bce_logits():
    def real(logits):
        return nn.functional.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))

    def fake(logits):
        return nn.functional.binary_cross_entropy_with_logits(logits, torch.zeros_like(logits))
    return real, fake, real


def adam(lr, beta1=0.9):
    return lambda params: torch.optim.Adam(params, lr=lr, betas=(beta1, 0.999), eps=1e-8)


def sgd(lr, momentum=0.0, nesterov=False):
    return lambda params: torch.optim.SGD(params, lr=lr, momentum=momentum, nesterov=nesterov)


def uniform(n, dim):
    return torch.rand(n, dim) * 2 - 1


def normal(std):
    return lambda n, dim: torch.randn(n, dim) * std


# One entry per experiments/seeds/*.yaml (003's image-folder is replaced by random 64x64 RGB images).
MODELS = {
    "000-baseline-fnn": dict(
        nets=lambda: (glorot(mlp([100, 128, 784], nn.ReLU, nn.Tanh)), glorot(mlp([784, 128, 1], nn.ReLU))),
        loss=log_epsilon, opt=adam(2e-4, 0.5), noise=uniform, latent=100, batch=128, image=(1, 28, 28),
        pixels=(-1, 1), g_first=True, d_update="summed", fakes_train=True),
    "000-dcgan-tf": dict(
        nets=dcgan_tf, loss=log_epsilon, opt=adam(2e-4, 0.5), noise=uniform, latent=100, batch=128,
        image=(1, 28, 28), pixels=(-1, 1), g_first=True, d_update="summed", fakes_train=True),
    "001-mlp-keras": dict(
        nets=lambda: (glorot(mlp([100, 256, 512, 1024, 784], lrelu, nn.Tanh, bn=dict(eps=1e-3, momentum=0.2))),
                      glorot(mlp([784, 512, 256, 1], lrelu))),
        loss=keras_bce, opt=sgd(0.01), noise=normal(1.0), latent=100, batch=128, image=(1, 28, 28),
        pixels=(-1, 1), g_first=False, d_update="separate", fakes_train=False),
    "002-minimal": dict(
        nets=lambda: (glorot(mlp([10, 64, 784], nn.ReLU, nn.Sigmoid)), glorot(mlp([784, 512, 1], nn.ReLU))),
        loss=bce_logits, opt=adam(1e-3), noise=uniform, latent=10, batch=16, image=(1, 28, 28), pixels=(0, 1),
        g_first=False, d_update="summed", fakes_train=True),
    "003-dcgan-d2l": dict(
        nets=dcgan_d2l, loss=bce_logits, opt=adam(0.005, 0.5), noise=normal(1.0), latent=100, batch=256,
        image=(3, 64, 64), pixels=(-1, 1), g_first=False, d_update="mean", fakes_train=True, images=721),
    "004-dcgan-upsample": dict(
        nets=dcgan_upsample, loss=keras_bce, opt=sgd(5e-4, 0.9, True), noise=normal(0.3), latent=100, batch=64,
        image=(1, 28, 28), pixels=(-1, 1), g_first=False, d_update="concat", fakes_train=False),
}


def load_mnist(data_dir):
    path = os.path.join(data_dir, "mnist", "train-images-idx3-ubyte")
    opener = open
    if not os.path.exists(path):
        path, opener = path + ".gz", gzip.open
    with opener(path, "rb") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    return torch.from_numpy(raw.reshape(-1, 1, 28, 28).copy())


class Trainer:
    """One GAN iteration as Gantry's GanTrainer does it: D on real and fake, G through D."""

    def __init__(self, cfg, data):
        self.cfg = cfg
        self.g, self.d = cfg["nets"]()
        self.g.train()
        self.d.train()
        self.loss_real, self.loss_fake, self.loss_g = cfg["loss"]()
        self.opt_g = cfg["opt"](self.g.parameters())
        self.opt_d = cfg["opt"](self.d.parameters())
        low, high = cfg["pixels"]
        self.data = data.float().div(255).mul(high - low).add(low)
        self.order = torch.randperm(len(self.data))
        self.position = 0
        self.times = dict(data=0.0, d=0.0, g=0.0)

    def real_batch(self):
        b = self.cfg["batch"]
        if self.position + b > len(self.order):
            self.order = torch.randperm(len(self.data))
            self.position = 0
        idx = self.order[self.position:self.position + b]
        self.position += b
        return self.data[idx]

    def noise(self, n):
        return self.cfg["noise"](n, self.cfg["latent"])

    def d_step(self, real):
        b = real.shape[0]
        with torch.no_grad():
            self.g.train(self.cfg["fakes_train"])
            fake = self.g(self.noise(b)).view(b, *self.cfg["image"])
            self.g.train()
        mode = self.cfg["d_update"]
        if mode == "separate":
            for x, term in ((real, self.loss_real), (fake, self.loss_fake)):
                self.opt_d.zero_grad(set_to_none=True)
                term(self.d(x)).backward()
                self.opt_d.step()
            return
        self.opt_d.zero_grad(set_to_none=True)
        if mode == "concat":
            out = self.d(torch.cat([real, fake]))
            loss = 0.5 * (self.loss_real(out[:b]) + self.loss_fake(out[b:]))
        else:
            loss = self.loss_real(self.d(real)) + self.loss_fake(self.d(fake))
            if mode == "mean":
                loss = 0.5 * loss
        loss.backward()
        self.opt_d.step()

    def g_step(self):
        b = self.cfg["batch"]
        self.opt_g.zero_grad(set_to_none=True)
        # G's loss also fills D's weight gradients, as in PyTorch's DCGAN tutorial; Gantry skips them for
        # dense layers (bench/NOTES.md entry 31).
        self.opt_d.zero_grad(set_to_none=True)
        fake = self.g(self.noise(b)).view(b, *self.cfg["image"])
        self.loss_g(self.d(fake)).backward()
        self.opt_g.step()

    def iteration(self):
        t0 = time.perf_counter()
        if self.cfg["g_first"]:
            self.g_step()
        t1 = time.perf_counter()
        real = self.real_batch()
        t2 = time.perf_counter()
        self.d_step(real)
        t3 = time.perf_counter()
        if not self.cfg["g_first"]:
            self.g_step()
        t4 = time.perf_counter()
        self.times["data"] += t2 - t1
        self.times["d"] += t3 - t2
        self.times["g"] += (t1 - t0) + (t4 - t3)
        return self.cfg["batch"]


def iteration_flops(cfg, data):
    trainer = Trainer(cfg, data)
    trainer.iteration()  # the first call may take lazy paths
    with FlopCounterMode(display=False) as counter:
        trainer.iteration()
    return counter.get_total_flops()


def matmul_peak(n=1024, repeats=5):
    a, b = torch.rand(n, n), torch.rand(n, n)
    best = float("inf")
    for i in range(repeats + 2):
        t0 = time.perf_counter()
        torch.mm(a, b)
        if i >= 2:
            best = min(best, time.perf_counter() - t0)
    return 2 * n ** 3 / best / 1e9


def nearest_rank(values, q):
    """The smallest value with at least share q of the values at or below it (as Gantry's StepProfile)."""
    v = sorted(values)
    return v[max(0, math.ceil(q * len(v)) - 1)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model", choices=sorted(MODELS))
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--data-dir", default="data")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--json")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    cfg = MODELS[args.model]
    if cfg["image"] == (1, 28, 28):
        data = load_mnist(args.data_dir)
    else:
        data = torch.randint(0, 256, (cfg.get("images", 1000), *cfg["image"]), dtype=torch.uint8)

    flops = iteration_flops(cfg, data)
    trainer = Trainer(cfg, data)
    step_times = []
    images = 0
    for i in range(args.warmup + args.steps):
        if i == args.warmup:
            trainer.times = dict(data=0.0, d=0.0, g=0.0)
        t0 = time.perf_counter()
        n = trainer.iteration()
        if i >= args.warmup:
            step_times.append(time.perf_counter() - t0)
            images += n
    total = sum(step_times)
    result = {
        "model": args.model,
        "batch_size": cfg["batch"],
        "warmup_steps": args.warmup,
        "measured_steps": args.steps,
        "images_per_sec": images / total,
        "step_ms": 1000 * statistics.median(step_times),
        "step_mean_ms": 1000 * total / len(step_times),
        "step_p90_ms": 1000 * nearest_rank(step_times, 0.90),
        "step_p99_ms": 1000 * nearest_rank(step_times, 0.99),
        "data_ms": 1000 * trainer.times["data"] / args.steps,
        "d_step_ms": 1000 * trainer.times["d"] / args.steps,
        "g_step_ms": 1000 * trainer.times["g"] / args.steps,
        "iteration_gflop": flops / 1e9,
        "gflops_per_sec": flops / 1e9 * args.steps / total,
        "matmul_peak_gflops": matmul_peak(),
        "machine": {"torch": torch.__version__, "threads": torch.get_num_threads(), "python": platform.python_version(),
                    "mkldnn": torch.backends.mkldnn.is_available()},
    }
    print(json.dumps(result, indent=2))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
