#!/usr/bin/env python3
"""RecVAE trained the way the reference code does (ilya-shenbin/RecVAE, master branch): each minibatch of 500 users
is made a dense |I|-wide float tensor; encoder of five 600-wide dense-residual swish + LayerNorm(eps 0.1) layers,
latent 200, linear decoder; composite prior [3/20, 3/4, 1/10] over N(0, I), the posterior of a frozen encoder copy,
and N(0, e^10 I); KL weight gamma * |x_u| (gamma 0.005); per epoch 3 encoder passes (dropout 0.5) and 1 decoder
pass (no dropout), separate Adam optimizers with lr 5e-4.

Used by `recoder bench vae --model recvae --torch` for a side-by-side timing on the same data. Reads a TSV with a
header and columns user, item, value (the split format's train.tsv). Prints one line: `epoch_seconds S1 S2 ...`.
"""
import argparse
import copy
import math
import time

import numpy as np
import torch
import torch.nn.functional as F

from multvae_torch import load


def swish(x):
    return x.mul(torch.sigmoid(x))


def log_norm_pdf(x, mu, logvar):
    return -0.5 * (logvar + math.log(2 * math.pi) + (x - mu).pow(2) / logvar.exp())


class Encoder(torch.nn.Module):
    def __init__(self, n_items, hidden=600, latent=200, eps=1e-1):
        super().__init__()
        self.fc = torch.nn.ModuleList([torch.nn.Linear(n_items, hidden)] + [torch.nn.Linear(hidden, hidden) for _ in range(4)])
        self.ln = torch.nn.ModuleList([torch.nn.LayerNorm(hidden, eps=eps) for _ in range(5)])
        self.mu = torch.nn.Linear(hidden, latent)
        self.logvar = torch.nn.Linear(hidden, latent)

    def forward(self, x, dropout):
        x = F.dropout(F.normalize(x), dropout, training=self.training)
        hs = []
        for fc, ln in zip(self.fc, self.ln):
            h = fc(x if not hs else hs[-1])
            h = ln(swish(h + sum(hs)) if hs else swish(h))
            hs.append(h)
        return self.mu(hs[-1]), self.logvar(hs[-1])


class CompositePrior(torch.nn.Module):
    def __init__(self, encoder, latent=200, weights=(3 / 20, 3 / 4, 1 / 10)):
        super().__init__()
        self.weights = weights
        self.mu_prior = torch.nn.Parameter(torch.zeros(1, latent), requires_grad=False)
        self.logvar_prior = torch.nn.Parameter(torch.zeros(1, latent), requires_grad=False)
        self.logvar_uniform = torch.nn.Parameter(torch.full((1, latent), 10.0), requires_grad=False)
        self.encoder_old = copy.deepcopy(encoder)
        self.encoder_old.requires_grad_(False)

    def forward(self, x, z):
        post_mu, post_logvar = self.encoder_old(x, 0)
        g = [log_norm_pdf(z, self.mu_prior, self.logvar_prior) + math.log(self.weights[0]),
             log_norm_pdf(z, post_mu, post_logvar) + math.log(self.weights[1]),
             log_norm_pdf(z, self.mu_prior, self.logvar_uniform) + math.log(self.weights[2])]
        return torch.logsumexp(torch.stack(g, dim=-1), dim=-1)


class RecVAE(torch.nn.Module):
    def __init__(self, n_items, latent=200):
        super().__init__()
        self.encoder = Encoder(n_items, latent=latent)
        self.prior = CompositePrior(self.encoder, latent=latent)
        self.decoder = torch.nn.Linear(latent, n_items)

    def forward(self, x, gamma, dropout):
        mu, logvar = self.encoder(x, dropout)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        logits = self.decoder(z)
        mll = (F.log_softmax(logits, dim=-1) * x).sum(dim=-1).mean()
        kl_weight = gamma * x.sum(dim=-1)
        kld = (log_norm_pdf(z, mu, logvar) - self.prior(x, z)).sum(dim=-1).mul(kl_weight).mean()
        return -(mll - kld)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=500)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    indptr, cols, n_users, n_items = load(args.train)
    model = RecVAE(n_items)
    opt_enc = torch.optim.Adam(model.encoder.parameters(), lr=5e-4)
    opt_dec = torch.optim.Adam(model.decoder.parameters(), lr=5e-4)
    rng = np.random.default_rng(1)
    seconds = []

    def run(opt, dropout):
        model.train()
        perm = rng.permutation(n_users)
        for start in range(0, n_users, args.batch):
            idx = perm[start:start + args.batch]
            x = np.zeros((len(idx), n_items), dtype=np.float32)
            for r, u in enumerate(idx):
                x[r, cols[indptr[u]:indptr[u + 1]]] = 1.0
            opt.zero_grad()
            loss = model(torch.from_numpy(x), gamma=0.005, dropout=dropout)
            loss.backward()
            opt.step()

    for _ in range(args.epochs):
        t0 = time.time()
        for _ in range(3):
            run(opt_enc, 0.5)
        model.prior.encoder_old.load_state_dict(model.encoder.state_dict())
        run(opt_dec, 0.0)
        seconds.append(time.time() - t0)
    print("epoch_seconds " + " ".join(f"{s:.1f}" for s in seconds), flush=True)


if __name__ == "__main__":
    main()
