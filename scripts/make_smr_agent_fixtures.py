#!/usr/bin/env python3
"""Parity fixtures of the Strategic Memory Retrieval agent, produced by the reference code itself.

Usage:
    /work/venv/bin/python scripts/make_smr_agent_fixtures.py --smr-dir /work/ref \
        --out-dir Tests/SMRAgentsTests/Fixtures

--smr-dir is a checkout of pihh/strategic-memory-retrieval-reinforcement-agent (commit bca2414);
its modules (memory, agent, core_modules, core_calculations, auxiliar_modules, callbacks) are
imported from there, unmodified, and never copied into this repository.

How it works
------------
* torch.set_num_threads(1), float32, random / np.random / torch seeded before construction.
* The reference classes are constructed as a user would (StrategicMemoryBuffer, then
  StrategicMemoryAgent, which builds StrategicMemoryTransformerPolicy, RNDModule,
  RewardNormalizer, StateCounter; CueAuxModule / ConfidenceAuxModule built before the agent).
* Dropout off: after construction every nn.Dropout gets p = 0.0 and every nn.MultiheadAttention
  dropout = 0.0, in the policy (which contains the memory). Modules stay in .train() mode, as the
  reference never calls .eval() (so the transformer layers take the non-fused, autograd path).
* Forced actions: `Categorical` in the reference `agent` module's namespace is replaced by a
  subclass whose sample() returns the next action of a scripted list; log_prob / entropy are the
  real ones (the second Categorical the confidence aux target builds is not sampled).
* A scripted gymnasium env (Box obs of size 3, Discrete(2)) returns fixed observations and
  rewards: zeros, then +1 or -1 on the last step, terminated=True there (like MemoryTaskEnv).
* Training uses the agent's own code: ONE call `agent.learn(total_timesteps=2*L, log_interval=1)`
  with verbose=1 runs exactly 2 episodes of length L, each followed by its update, the second
  update using Adam's state after the first.
* Capture, without recomputing anything:
    - policy.forward and memory.retrieve are wrapped (instance attributes) to record per-step
      logits, value, aux predictions, memory readout and attention;
    - agent.optimizer.step is wrapped: just before the real step it snapshots every .grad of
      the policy's parameters (None stays null) and reads the loss terms from the calling
      frame's locals (the `learn` frame: advantages, returns, policy_loss, value_loss,
      entropy_mean, mem_loss, loss, explained_var, aux_loss_total, aux_metrics_log, rewards);
      just after, it snapshots the parameters, the memory and Adam's per-parameter step count;
    - agent.rnd_optimizer.step likewise (rnd_loss from `run_episode`'s frame, predictor grads
      before, predictor weights after);
    - agent.rnd.forward, agent.state_counter.intrinsic_reward, each aux module's aux_loss and
      agent.run_episode are wrapped to record per-step novelty, count bonus, each aux loss and
      the rewards as stored by the rollout;
    - stdout of learn() is captured; each SB3-style box becomes the episode's `log_box`.
* Run twice, the outputs are byte-identical (checked by --check-deterministic).

Files (two fixtures, each a JSON file plus a float32 sidecar)
-------------------------------------------------------------
The agent has 283,747 parameters (two TransformerEncoderLayers with PyTorch's default
feed-forward width 2048, hard-coded by the reference), so its weights, gradients and updated
weights cannot be written as JSON text under 300 kB. Every parameter-sized tensor therefore lives
in `<fixture>.bin` (raw float32, little-endian, exactly the torch values) and the JSON refers to
it; everything else (per-step outputs, losses, memory embeddings, scalars) is inline JSON, floats
as Python floats (full precision of the float32 / float64 value torch produced).

A *tensor record* is {"name", "shape", "offset", "count"}: `count` float32 values starting at
float index `offset` of the .bin, row-major; for a gradient that is None, "offset" and "count"
are null.

smr_agent_update.json / .bin -- retention on, no aux, no RND, no reward norm, no count bonus
smr_agent_aux_rnd.json / .bin -- cue + confidence aux heads, RND, count bonus, reward norm

Top level:
  "description"        : what this fixture exercises
  "binary"             : {"file", "dtype": "float32", "byte_order": "little", "floats"}
  "versions"           : torch / numpy / gymnasium / python versions and the reference commit
  "config"             : every constructor argument (memory, policy, agent, aux, rnd), the
                         seed, the thread count, the dropout override and the scripted actions
  "optimizer_param_names": names of Adam's parameter list in order; the reference passes
                         policy.parameters() + memory.usefulness_parameters(), so
                         "memory.usefulness_vec" appears twice (stepped twice per update)
  "initial_parameters" : tensor records, policy.named_parameters() order (memory.* included,
                         memory.usefulness_vec holding the value set before prefill), then
                         aux heads as "aux.<name>.head.weight/bias" (not in the optimizer),
                         then "rnd.target.*" and "rnd.predictor.*" (aux_rnd only)
  "initial_usefulness" : the usefulness vector set before prefill (also in initial_parameters)
  "prefill"            : [{"trajectory": [[o0, o1, o2, action, reward], ...], "outcome"}] in the
                         order given to memory.add_entry
  "memory_after_prefill": {"embeddings": [[mem_dim] per entry], "outcomes", "entry_indices"}
  "episodes"           : one object per episode, in order (below)
  "final_line"         : the line learn() prints at the end ("Training complete. ...")
  "stdout"             : learn()'s whole stdout

Per episode:
  "env_obs"      : the L+1 observations of the env (reset, then after each step)
  "obs"          : the L observations the policy saw (env_obs[:-1])
  "actions"      : the scripted actions
  "env_rewards"  : the env's rewards
  "count_bonus"  : per step StateCounter.intrinsic_reward(next obs) (unscaled) or null
  "rnd_novelty"  : per step RND novelty of the *current* obs (unscaled, the no_grad call) or null
  "stored_rewards": per step reward the rollout stored (env + eta*count + eta*rnd), float32
  "rewards_used" : the rewards the update used (normalised when reward_norm, else = stored)
  "reward_normalizer": {"mean", "var", "count"} after this episode's update() (aux_rnd only)
  "steps"        : per step {"logits": [2], "value", "log_prob", "entropy",
                   "mem_readout": [mem_dim] (zeros when retrieval is skipped, i.e. step 0),
                   "attn": [N] or null (null when retrieve was not called),
                   "aux_preds": {"cue": [2], "confidence": [1]} (aux_rnd only)}
  "advantages", "returns": [L] (returns = advantages + values.detach())
  "policy_loss", "value_loss", "entropy_mean", "mem_loss", "loss", "explained_variance"
  "total_reward" : sum of rewards_used (what episode_rewards records and the retention target uses)
  aux_rnd only:  "aux_targets": {"cue": [L] ints, "confidence": [L] floats},
                 "aux_losses": {"cue", "confidence"}, "aux_loss_total", "aux_metrics":
                 {"cue": {"acc"}, "confidence": {"mse"}},
                 "rnd_loss", "rnd_gradients" / "rnd_parameters_after" (tensor records of
                 rnd.predictor.*, around the RND Adam step inside run_episode),
                 "rnd_log_bonus": the per-obs values whose mean is the box's mean_rnd_bonus
                 (computed after both updates of the episode)
  "gradients"    : tensor records of every parameter's .grad just before optimizer.step, in
                   policy.named_parameters() order, then the aux heads' .grad (aux_rnd: these
                   heads are never zeroed by the optimizer, so their .grad ACCUMULATES across
                   updates)
  "parameters_after": tensor records just after optimizer.step, same order (aux heads unchanged)
  "adam_steps"   : {name: Adam's state["step"] after the step} (usefulness_vec counts 2 per
                   update when it has a gradient; absent when a parameter was never stepped)
  "memory_after" : the memory at the time of the update (after this episode's add_entry;
                   embeddings do not change in the update, they are detached)
  "last_attn"    : memory.last_attn at the update (the attention of the episode's last step,
                   computed before add_entry replaced / appended an entry) or null
  "log_box"      : the exact text print_sb3_style_log_box printed for this episode
                   (verbose=1, log_interval=1; fps / time_elapsed vary, the rest is exact)
"""
import argparse
import contextlib
import hashlib
import io
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import warnings

import numpy as np


# ----------------------------------------------------------------------------- scripted data

OBS_DIM = 3

# Update fixture: 5 prefill trajectories (the 5th overwrites the argmin-usefulness slot, 1).
UPDATE_PREFILL = [
    ([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0]], [0, 1, 1], [0.0, 0.0, 1.0], 1.0),
    ([[0.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0]], [1, 0, 0, 1], [0.0, 0.0, 0.0, -1.0], -1.0),
    ([[1.0, 0.0, 0.0], [0.5, -0.25, 0.0], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0]], [1, 1, 0, 0, 1], [0.0, 0.0, 0.0, 0.0, 1.0], 1.0),
    ([[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.25, 0.75, 0.0], [1.0, 0.0, 0.0]], [0, 0, 1, 1, 0, 0], [0.0, 0.0, 0.0, 0.0, 0.0, -1.0], -1.0),
    ([[1.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]], [1, 0, 1, 0], [0.0, 0.0, 0.0, 1.0], 1.0),
]
UPDATE_EPISODES = [
    # (L+1 observations, L actions, L rewards)
    ([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]],
     [0, 1, 1, 0, 0, 1], [0.0, 0.0, 0.0, 0.0, 0.0, 1.0]),
    ([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]],
     [1, 1, 0, 1, 0, 0], [0.0, 0.0, 0.0, 0.0, 0.0, -1.0]),
]
UPDATE_USEFULNESS = [0.3, -0.2, 0.1, 0.05]

# Aux/RND fixture: 2 prefill entries (memory of 4 not full: no retention loss).
AUX_PREFILL = [
    ([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]], [1, 0, 1], [0.0, 0.0, 1.0], 1.0),
    ([[0.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0]], [0, 1, 1, 0, 1], [0.0, 0.0, 0.0, 0.0, -1.0], -1.0),
]
AUX_EPISODES = [
    ([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0]],
     [1, 0, 0, 1, 1, 1], [0.0, 0.0, 0.0, 0.0, 0.0, 1.0]),
    ([[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]],
     [0, 0, 1, 0, 1, 1], [0.0, 0.0, 0.0, 0.0, 0.0, -1.0]),
]
AUX_USEFULNESS = [0.2, -0.1, 0.05, 0.15]


# ----------------------------------------------------------------------------- helpers

class BinWriter:
    """Collects float32 arrays for the sidecar and returns tensor records."""

    def __init__(self):
        self.chunks, self.offset = [], 0

    def record(self, name, tensor):
        if tensor is None:
            return {"name": name, "shape": None, "offset": None, "count": None}
        a = np.ascontiguousarray(tensor.detach().cpu().numpy(), dtype="<f4")
        rec = {"name": name, "shape": list(a.shape), "offset": self.offset, "count": int(a.size)}
        self.chunks.append(a.tobytes())
        self.offset += a.size
        return rec

    def data(self):
        return b"".join(self.chunks)


def flist(t):
    """Tensor / array -> nested list of Python floats (exact)."""
    if hasattr(t, "detach"):
        t = t.detach().cpu().numpy()
    return np.asarray(t).astype(np.float64).tolist()


def fscalar(x):
    if hasattr(x, "item"):
        x = x.item()
    return float(x)


def make_env_class(gym):
    class ScriptedEnv(gym.Env):
        """Fixed observation / reward sequences, one per reset, terminated on the last step."""

        def __init__(self, episodes):
            super().__init__()
            self.observation_space = gym.spaces.Box(low=-1, high=1, shape=(OBS_DIM,), dtype=np.float32)
            self.action_space = gym.spaces.Discrete(2)
            self.episodes = episodes
            self.k, self.t = -1, 0

        def reset(self, seed=None, options=None):
            self.k += 1
            self.t = 0
            return np.array(self.episodes[self.k][0][0], dtype=np.float32), {}

        def step(self, action):
            obs_seq, _, rewards = self.episodes[self.k]
            self.t += 1
            done = self.t == len(rewards)
            return np.array(obs_seq[self.t], dtype=np.float32), float(rewards[self.t - 1]), done, False, {}

    return ScriptedEnv


def memory_state(memory):
    return {
        "embeddings": [flist(e["embedding"]) for e in memory.entries],
        "outcomes": [float(e["outcome"]) for e in memory.entries],
        "entry_indices": list(memory._entry_indices),
    }


def disable_dropout(module, nn):
    for m in module.modules():
        if isinstance(m, nn.Dropout):
            m.p = 0.0
        if isinstance(m, nn.MultiheadAttention):
            m.dropout = 0.0


# ----------------------------------------------------------------------------- one fixture

def build_fixture(mods, variant, seed=0):
    torch, nn, gym = mods["torch"], mods["nn"], mods["gym"]
    ref_memory, ref_agent, ref_aux = mods["memory"], mods["agent"], mods["aux"]
    aux_rnd = variant == "aux_rnd"
    prefill = AUX_PREFILL if aux_rnd else UPDATE_PREFILL
    episodes_script = AUX_EPISODES if aux_rnd else UPDATE_EPISODES
    usefulness = AUX_USEFULNESS if aux_rnd else UPDATE_USEFULNESS
    L = len(episodes_script[0][2])
    assert all(len(e[2]) == L for e in episodes_script)

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)

    # Forced actions through the reference module's own Categorical name.
    script = [a for _, acts, _ in episodes_script for a in acts]
    script_iter = iter(script)
    RealCategorical = mods["Categorical"]

    class ScriptedCategorical(RealCategorical):
        def sample(self, sample_shape=torch.Size()):
            return torch.tensor(next(script_iter), dtype=torch.long)

    ref_agent.Categorical = ScriptedCategorical

    env = make_env_class(gym)(episodes_script)
    mem_cfg = dict(obs_dim=OBS_DIM, action_dim=1, mem_dim=32, max_entries=4, device="cpu")
    memory = ref_memory.StrategicMemoryBuffer(**mem_cfg)
    aux_cfg = []
    aux_modules = None
    if aux_rnd:
        aux_modules = [ref_aux.CueAuxModule(feat_dim=64, n_classes=2), ref_aux.ConfidenceAuxModule(feat_dim=64)]
        aux_cfg = [{"class": "CueAuxModule", "feat_dim": 64, "n_classes": 2},
                   {"class": "ConfidenceAuxModule", "feat_dim": 64}]
    agent_cfg = dict(
        verbose=1, learning_rate=1e-3, gamma=0.99, lam=0.95, ent_coef=0.01, device="cpu",
        her=False, reward_norm=aux_rnd, intrinsic_expl=aux_rnd, intrinsic_eta=0.01,
        use_rnd=aux_rnd, rnd_emb_dim=32, rnd_lr=1e-3,
        memory_learn_retention=True, memory_retention_coef=0.01)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Adam: "duplicate parameters" (usefulness_vec twice)
        agent = ref_agent.StrategicMemoryAgent(
            policy_class=ref_memory.StrategicMemoryTransformerPolicy, env=env,
            memory=memory, aux_modules=aux_modules, **agent_cfg)
    policy = agent.policy
    disable_dropout(policy, nn)
    disable_dropout(memory, nn)

    with torch.no_grad():
        memory.usefulness_vec.copy_(torch.tensor(usefulness, dtype=torch.float32))

    # Names of everything we export, in order.
    param_names = {id(p): n for n, p in policy.named_parameters()}
    named = list(policy.named_parameters())
    aux_named = []
    for aux in agent.aux_modules:
        for n, p in aux.head.named_parameters():
            aux_named.append((f"aux.{aux.name}.head.{n}", p))
    rnd_named = []
    if aux_rnd:
        rnd_named = [(f"rnd.{n}", p) for n, p in agent.rnd.named_parameters()]
    opt_names = [param_names.get(id(p), "?") for p in agent.optimizer.param_groups[0]["params"]]

    binw = BinWriter()
    initial = [binw.record(n, p) for n, p in named + aux_named + rnd_named]

    # Prefill.
    prefill_json = []
    for obs_seq, acts, rews, outcome in prefill:
        traj = [(np.array(o, dtype=np.float32), a, r) for o, a, r in zip(obs_seq, acts, rews)]
        memory.add_entry(traj, outcome)
        prefill_json.append({"trajectory": [list(map(float, o)) + [float(a), float(r)] for o, a, r in zip(obs_seq, acts, rews)],
                             "outcome": float(outcome)})
    mem_after_prefill = memory_state(memory)

    # ------------------------------------------------------------------ capture hooks
    eps = []          # one dict per episode, filled as things happen
    cur = {}

    def new_episode():
        cur.clear()
        cur.update(steps=[], count_bonus=[], rnd_novelty=[], rnd_log_bonus=[], aux_losses={})
        eps.append(cur.copy())

    real_forward = policy.forward
    real_retrieve = memory.retrieve
    retrieve_box = {}

    def retrieve_wrapper(context):
        readout, attn = real_retrieve(context)
        retrieve_box["readout"], retrieve_box["attn"] = readout, attn
        return readout, attn

    memory.retrieve = retrieve_wrapper

    def forward_wrapper(trajectory, obs_t=None, actions=None, rewards=None):
        retrieve_box.clear()
        logits, value, aux_preds = real_forward(trajectory, obs_t, actions=actions, rewards=rewards)
        step = {"logits": flist(logits), "value": fscalar(value),
                "mem_readout": flist(retrieve_box["readout"]) if "readout" in retrieve_box else [0.0] * memory.mem_dim,
                "attn": flist(retrieve_box["attn"]) if retrieve_box.get("attn") is not None else None}
        if aux_preds:
            step["aux_preds"] = {k: flist(v) for k, v in aux_preds.items()}
        eps[-1]["steps"].append(step)
        return logits, value, aux_preds

    policy.forward = forward_wrapper

    real_run_episode = agent.run_episode

    def run_episode_wrapper(her_target=None):
        new_episode()
        ep = real_run_episode(her_target)
        e = eps[-1]
        e["stored_rewards"] = [fscalar(r) for r in ep["rewards"]]
        e["actions_taken"] = [int(a.item()) for a in ep["actions"]]
        for s, lp, en in zip(e["steps"], ep["log_probs"], ep["entropies"]):
            s["log_prob"], s["entropy"] = fscalar(lp), fscalar(en)
        if agent.aux_modules:
            e["aux_targets"] = {k: [v if isinstance(v, int) else float(v) for v in vals]
                                for k, vals in ep["aux_targets"].items()}
        return ep

    agent.run_episode = run_episode_wrapper

    real_intrinsic = agent.state_counter.intrinsic_reward

    def intrinsic_wrapper(obs):
        v = real_intrinsic(obs)
        eps[-1]["count_bonus"].append(float(v))
        return v

    agent.state_counter.intrinsic_reward = intrinsic_wrapper

    if aux_rnd:
        real_rnd_forward = agent.rnd.forward

        def rnd_forward_wrapper(obs):
            out = real_rnd_forward(obs)
            if not torch.is_grad_enabled():          # the per-step call inside run_episode
                eps[-1]["rnd_novelty"].append(fscalar(out))
            elif out.shape[0] == 1:                  # the per-obs calls of the log box
                eps[-1]["rnd_log_bonus"].append(fscalar(out))
            return out

        agent.rnd.forward = rnd_forward_wrapper

        real_rnd_step = agent.rnd_optimizer.step

        def rnd_step_wrapper(*a, **k):
            frame = sys._getframe(1)
            e = eps[-1]
            e["rnd_loss"] = fscalar(frame.f_locals["rnd_loss"])
            e["rnd_gradients"] = [binw.record(f"rnd.predictor.{n}", p.grad) for n, p in agent.rnd.predictor.named_parameters()]
            out = real_rnd_step(*a, **k)
            e["rnd_parameters_after"] = [binw.record(f"rnd.predictor.{n}", p) for n, p in agent.rnd.predictor.named_parameters()]
            return out

        agent.rnd_optimizer.step = rnd_step_wrapper

    for aux in agent.aux_modules:
        def make(aux, real):
            def aux_loss_wrapper(pred, target, context=None):
                out = real(pred, target, context)
                eps[-1]["aux_losses"][aux.name] = fscalar(out)
                return out
            return aux_loss_wrapper
        aux.aux_loss = make(aux, aux.aux_loss)

    real_step = agent.optimizer.step

    def step_wrapper(*a, **k):
        f = sys._getframe(1).f_locals  # the `learn` frame
        e = eps[-1]
        e["rewards_used"] = [fscalar(r) for r in f["rewards"]]
        e["advantages"] = flist(f["advantages"])
        e["returns"] = flist(f["returns"])
        for key, local in [("policy_loss", "policy_loss"), ("value_loss", "value_loss"),
                           ("entropy_mean", "entropy_mean"), ("mem_loss", "mem_loss"),
                           ("loss", "loss"), ("explained_variance", "explained_var")]:
            e[key] = fscalar(f[local])
        e["total_reward"] = float(sum(r.item() for r in f["rewards"]))
        if agent.aux_modules:
            e["aux_loss_total"] = fscalar(f["aux_loss_total"])
            e["aux_metrics"] = {k2: {m: float(v) for m, v in d.items()} for k2, d in f["aux_metrics_log"].items()}
        if agent.reward_norm:
            rn = agent.reward_normalizer
            e["reward_normalizer"] = {"mean": float(rn.mean), "var": float(rn.var), "count": float(rn.count)}
        e["last_attn"] = flist(memory.last_attn) if getattr(memory, "last_attn", None) is not None else None
        e["memory_after"] = memory_state(memory)
        e["gradients"] = [binw.record(n, p.grad) if p.grad is not None else
                          {"name": n, "shape": None, "offset": None, "count": None}
                          for n, p in named + aux_named]
        out = real_step(*a, **k)
        e["parameters_after"] = [binw.record(n, p) for n, p in named + aux_named]
        st = agent.optimizer.state
        e["adam_steps"] = {n: fscalar(st[p]["step"]) for n, p in named if p in st and "step" in st[p]}
        return out

    agent.optimizer.step = step_wrapper

    # ------------------------------------------------------------------ train
    buf = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.redirect_stdout(buf):
            agent.learn(total_timesteps=L * len(episodes_script), log_interval=1)
    stdout = buf.getvalue()
    assert next(script_iter, None) is None, "scripted actions not all used"
    assert len(eps) == len(episodes_script)

    lines = stdout.splitlines()
    boxes, i = [], 0
    while i < len(lines):
        if lines[i].startswith("-") and set(lines[i]) == {"-"}:
            j = i + 1
            while not (set(lines[j]) == {"-"}):
                j += 1
            boxes.append("\n".join(lines[i:j + 1]) + "\n")
            i = j + 1
        else:
            i += 1
    final_line = [l for l in lines if l.startswith("Training complete")]
    assert len(boxes) == len(eps), (len(boxes), stdout)

    episodes_json = []
    for k, (e, (obs_seq, acts, rews)) in enumerate(zip(eps, episodes_script)):
        assert e["actions_taken"] == acts
        out = {
            "env_obs": [list(map(float, o)) for o in obs_seq],
            "obs": [list(map(float, o)) for o in obs_seq[:-1]],
            "actions": acts,
            "env_rewards": [float(r) for r in rews],
            "count_bonus": e["count_bonus"] or None,
            "rnd_novelty": e["rnd_novelty"] or None,
            "stored_rewards": e["stored_rewards"],
            "rewards_used": e["rewards_used"],
        }
        if "reward_normalizer" in e:
            out["reward_normalizer"] = e["reward_normalizer"]
        out["steps"] = e["steps"]
        for key in ["advantages", "returns", "policy_loss", "value_loss", "entropy_mean", "mem_loss",
                    "loss", "explained_variance", "total_reward"]:
            out[key] = e[key]
        if agent.aux_modules:
            out["aux_targets"] = e["aux_targets"]
            out["aux_losses"] = e["aux_losses"]
            out["aux_loss_total"] = e["aux_loss_total"]
            out["aux_metrics"] = e["aux_metrics"]
        if aux_rnd:
            out["rnd_loss"] = e["rnd_loss"]
            out["rnd_gradients"] = e["rnd_gradients"]
            out["rnd_parameters_after"] = e["rnd_parameters_after"]
            out["rnd_log_bonus"] = e["rnd_log_bonus"]
        for key in ["gradients", "parameters_after", "adam_steps", "memory_after", "last_attn"]:
            out[key] = e[key]
        out["log_box"] = boxes[k]
        episodes_json.append(out)

    ref_agent.Categorical = RealCategorical
    config = {
        "seed": seed, "torch_threads": 1, "dtype": "float32",
        "dropout_override": "every nn.Dropout p=0.0 and nn.MultiheadAttention dropout=0.0 after construction; train() mode kept",
        "memory": {"class": "StrategicMemoryBuffer", **mem_cfg, "encoder_nhead": 2,
                   "encoder": "nn.TransformerEncoderLayer defaults: dim_feedforward 2048, ReLU, post-norm, 1 layer"},
        "policy": {"class": "StrategicMemoryTransformerPolicy", "obs_dim": OBS_DIM, "mem_dim": 32, "nhead": 4,
                   "pos_embed": 256, "n_actions": 2},
        "agent": {"class": "StrategicMemoryAgent", **agent_cfg},
        "aux_modules": aux_cfg,
        "env": {"obs_dim": OBS_DIM, "action_space": "Discrete(2)", "episode_length": L,
                "episodes": len(episodes_script)},
        "learn": {"total_timesteps": L * len(episodes_script), "log_interval": 1},
        "scripted_actions": script,
        "construction_order": "seed; StrategicMemoryBuffer; aux modules (if any); StrategicMemoryAgent "
                              "(policy, Adam, RewardNormalizer, StateCounter, RNDModule + its Adam)",
    }
    desc = ("retention loss on (memory full), no aux / RND / reward norm / count bonus"
            if not aux_rnd else
            "cue + confidence aux heads, RND, count bonus, reward normalisation; memory not full (no retention loss)")
    doc = {
        "description": desc,
        "binary": None,
        "versions": mods["versions"],
        "config": config,
        "optimizer_param_names": opt_names,
        "initial_parameters": initial,
        "initial_usefulness": [float(u) for u in usefulness],
        "prefill": prefill_json,
        "memory_after_prefill": mem_after_prefill,
        "episodes": episodes_json,
        "final_line": final_line[0] if final_line else None,
        "stdout": stdout,
    }
    return doc, binw.data()


def load_reference(smr_dir):
    sys.path.insert(0, os.path.abspath(smr_dir))
    import torch
    import torch.nn as nn
    import gymnasium as gym
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    import memory as ref_memory
    import agent as ref_agent
    import auxiliar_modules as ref_aux
    try:
        commit = subprocess.run(["git", "-C", smr_dir, "rev-parse", "HEAD"], capture_output=True,
                                text=True).stdout.strip() or None
    except OSError:
        commit = None
    versions = {"torch": torch.__version__, "numpy": np.__version__, "gymnasium": gym.__version__,
                "python": platform.python_version(), "reference_commit": commit or "bca2414 (expected)"}
    return {"torch": torch, "nn": nn, "gym": gym, "memory": ref_memory, "agent": ref_agent,
            "aux": ref_aux, "Categorical": ref_agent.Categorical, "versions": versions}


def write(out_dir, smr_dir):
    mods = load_reference(smr_dir)
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for variant, stem in [("update", "smr_agent_update"), ("aux_rnd", "smr_agent_aux_rnd")]:
        doc, data = build_fixture(mods, variant)
        doc["binary"] = {"file": stem + ".bin", "dtype": "float32", "byte_order": "little",
                         "floats": len(data) // 4}
        jpath = os.path.join(out_dir, stem + ".json")
        with open(jpath, "w") as f:
            json.dump(doc, f, separators=(",", ":"))
            f.write("\n")
        with open(os.path.join(out_dir, stem + ".bin"), "wb") as f:
            f.write(data)
        written += [jpath, os.path.join(out_dir, stem + ".bin")]
    return written


def digest(paths):
    return {os.path.basename(p): hashlib.sha256(open(p, "rb").read()).hexdigest() for p in paths}


def main():
    ap = argparse.ArgumentParser(description="Parity fixtures of the SMR agent from the reference code")
    ap.add_argument("--smr-dir", required=True, help="checkout of the reference repository")
    ap.add_argument("--out-dir", default=os.path.join(os.path.dirname(__file__), "..", "Tests", "SMRAgentsTests", "Fixtures"))
    ap.add_argument("--check-deterministic", action="store_true",
                    help="also generate into a temporary folder in a fresh process and compare bytes")
    args = ap.parse_args()
    paths = write(args.out_dir, args.smr_dir)
    for p in paths:
        print(f"wrote {p} ({os.path.getsize(p):,} bytes)")
    if args.check_deterministic:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, __file__, "--smr-dir", args.smr_dir, "--out-dir", tmp],
                           check=True, stdout=subprocess.DEVNULL)
            a = digest(paths)
            b = digest([os.path.join(tmp, os.path.basename(p)) for p in paths])
            if a != b:
                sys.exit(f"NOT deterministic: {a} vs {b}")
            print("deterministic: a second run in a fresh process gave identical files")


if __name__ == "__main__":
    main()
