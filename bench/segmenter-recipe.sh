# Sourced by bench/train-segmenter.sh and bench/segmenter-loso.sh: the shipped learned-segmenter recipe and the
# options that change it. The caller sets `out` (its default) and `usage` first, then calls `recipe_options "$@"`.
data=../shared/data
epochs=180
composed=40
seed=2
extra=()

recipe_options() {
  while [ $# -gt 0 ]; do
    case $1 in
      --data) data=${2:?--data needs a DIR}; shift 2 ;;
      --out) out=${2:?--out needs a path}; shift 2 ;;
      --epochs) epochs=${2:?--epochs needs N}; shift 2 ;;
      --composed) composed=${2:?--composed needs N}; shift 2 ;;
      --seed) seed=${2:?--seed needs N}; shift 2 ;;
      --strong-augmentation) extra+=(--strong-augmentation); shift ;;
      *) echo "$usage" >&2; exit 2 ;;
    esac
  done
  cli=artifacts/bin/chromofarm
  [ -x "$cli" ] || { echo "${usage%% *}: $cli is missing; run make build first" >&2; exit 2; }
}
