#!/usr/bin/env bash
# The memory-augmented RL notebook's three Pendulum-v1 trainings, 100 episodes each, through `smr run`, next to the
# PyTorch reference (shared/reference-figures.md §3, median of seeds 0-2, 1 thread).
#
#   bench/agents_actor_critic.sh [RUNS]        # RUNS timed runs per model and seed (default 1)
#
# Each timing is the whole `smr run` process (start-up, model construction and the
# training loop); a second line per model times the same notebook with 0 episodes, so
# the loop alone is the difference. The training-loop-only figure without the
# interpreter comes from the XCTest: SMR_BENCH=1 swift test -c release --filter PendulumActorCriticBenchmarkTests
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-1}
SCRATCH=${SCRATCH:-.build-agents}
swift build -c release --scratch-path "$SCRATCH" --product smr >/dev/null
SMR="$SCRATCH/release/smr"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

write() {  # model episodes seed → notebook
  local model=$1 episodes=$2 seed=$3 f="$TMP/$1_$2_$3.smrnb"
  {
    echo "import gymnasium as gym"
    echo "import torch.optim as optim"
    echo "seed($seed)"
    echo "env = gym.make(\"Pendulum-v1\")"
    case $model in
      lstm)
        echo "agent = LSTMActorCritic(3, 1)"
        echo "optimizer = optim.Adam(agent.parameters(), lr=3e-4)"
        echo "for ep in range($episodes):"
        echo "    ep_reward = run_episode(env, agent, optimizer)" ;;
      transformer)
        echo "agent = TransformerActorCritic(3, 1)"
        echo "optimizer = optim.Adam(agent.parameters(), lr=3e-4)"
        echo "for ep in range($episodes):"
        echo "    obs_seq, act_seq, rew_seq, ep_reward = collect_episode(env, agent, 10)"
        echo "    train_step(agent, optimizer, obs_seq, act_seq, rew_seq, 10)" ;;
      ntm)
        echo "agent = ExplicitMemoryAgent(3, 1)"
        echo "optimizer = optim.Adam(agent.parameters(), lr=1e-4)"
        echo "for ep in range($episodes):"
        echo "    ep_reward = run_episode(env, agent, optimizer)" ;;
    esac
  } > "$f"
  echo "$f"
}

seconds() {  # notebook → wall seconds of `smr run`
  local t0 t1
  t0=$(date +%s.%N)
  "$SMR" run "$1" </dev/null >/dev/null
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf "%-12s %10s %10s %10s %14s %9s\n" model "smr run s" "0 eps s" "loop s" "reference s" speed-up
for model in lstm transformer ntm; do
  case $model in lstm) ref=12.9 ;; transformer) ref=1.09 ;; ntm) ref=11.7 ;; esac
  full=(); empty=()
  for seed in 0 1 2; do
    for _ in $(seq "$RUNS"); do
      full+=("$(seconds "$(write $model 100 $seed)")")
      empty+=("$(seconds "$(write $model 0 $seed)")")
    done
  done
  f=$(printf "%s\n" "${full[@]}" | median)
  e=$(printf "%s\n" "${empty[@]}" | median)
  loop=$(echo "$f - $e" | bc -l)
  printf "%-12s %10.3f %10.3f %10.3f %14s %8.1fx\n" $model "$f" "$e" "$loop" "$ref" "$(echo "$ref / $loop" | bc -l)"
done
