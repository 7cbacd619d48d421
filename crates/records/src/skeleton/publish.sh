#!/bin/sh
# 检查本专家库、生成网站并发布。适用于任何 CI，也可以手动运行：
#
#   sh ci/publish.sh            检查、生成、发布（等于依次运行下面三步）
#   sh ci/publish.sh check      只检查：expertpool check，有错误时失败
#   sh ci/publish.sh build      检查并生成网站到 $SITE_OUT
#   sh ci/publish.sh publish    把已生成的 $SITE_OUT 发布到 $PUBLISH_TARGET
#
# 设置（环境变量）：
#   EXPERTPOOL        expertpool 程序：PATH 中的名称或完整路径（默认 expertpool）
#   SITE_OUT          生成网站的文件夹（默认 public）
#   PUBLISH_TARGET    发布目标：本机文件夹（如 /srv/www/zjk），或 rsync 目标（如 deploy@web1:/srv/www/zjk）
#   PUBLISH_METHOD    rsync 或 copy；不设置时，目标含“主机:”用 rsync，否则用 copy
#   RSYNC_OPTIONS     rsync 选项（默认 -rlt --delete）
#   EXPERTPOOL_TODAY  按这一天（YYYY-MM-DD）生成，默认今天
set -eu

cd "$(dirname "$0")/.."
EXPERTPOOL=${EXPERTPOOL:-expertpool}
SITE_OUT=${SITE_OUT:-public}
PUBLISH_TARGET=${PUBLISH_TARGET:-}
PUBLISH_METHOD=${PUBLISH_METHOD:-}
RSYNC_OPTIONS=${RSYNC_OPTIONS:--rlt --delete}
EXPERTPOOL_TODAY=${EXPERTPOOL_TODAY:-}

fail() {
  echo "ci/publish.sh：$*" >&2
  exit 1
}

command -v "$EXPERTPOOL" >/dev/null 2>&1 || fail "找不到 expertpool 程序（$EXPERTPOOL）。请安装它，或设置 EXPERTPOOL 为其完整路径"

today_args() {
  if [ -n "$EXPERTPOOL_TODAY" ]; then
    printf '%s\n' "--today" "$EXPERTPOOL_TODAY"
  fi
}

step_check() {
  echo "== 检查全部记录"
  # shellcheck disable=SC2046
  "$EXPERTPOOL" check --content . $(today_args) || fail "检查发现错误，未生成也未发布网站。请按上面的说明改正"
}

step_build() {
  echo "== 生成网站到 $SITE_OUT"
  # shellcheck disable=SC2046
  "$EXPERTPOOL" build --content . --out "$SITE_OUT" $(today_args) || fail "生成网站失败"
}

step_publish() {
  [ -n "$PUBLISH_TARGET" ] || fail "没有设置 PUBLISH_TARGET（发布目标），未发布"
  [ -f "$SITE_OUT/index.html" ] || fail "$SITE_OUT 中没有生成好的网站，请先运行 sh ci/publish.sh build"
  method=$PUBLISH_METHOD
  if [ -z "$method" ]; then
    case $PUBLISH_TARGET in
      *:*) method=rsync ;;
      *) method=copy ;;
    esac
  fi
  echo "== 发布到 $PUBLISH_TARGET（$method）"
  case $method in
    rsync)
      command -v rsync >/dev/null 2>&1 || fail "找不到 rsync，请安装，或设置 PUBLISH_METHOD=copy"
      # shellcheck disable=SC2086
      rsync $RSYNC_OPTIONS "$SITE_OUT"/ "$PUBLISH_TARGET"/ || fail "rsync 发布失败"
      ;;
    copy)
      # 先复制到旁边的新文件夹，再换名，读者不会看到一半新一半旧的网站。
      target=${PUBLISH_TARGET%/}
      rm -rf "$target.new" "$target.old"
      mkdir -p "$target.new"
      cp -R "$SITE_OUT"/. "$target.new"/ || fail "复制到 $target.new 失败"
      if [ -e "$target" ]; then mv "$target" "$target.old"; fi
      mv "$target.new" "$target"
      rm -rf "$target.old"
      ;;
    *) fail "PUBLISH_METHOD 只能是 rsync 或 copy，现在是 $method" ;;
  esac
  echo "== 已发布"
}

case ${1:-all} in
  check) step_check ;;
  build) step_check; step_build ;;
  publish) step_publish ;;
  all) step_check; step_build; [ -z "$PUBLISH_TARGET" ] && echo "== 没有设置 PUBLISH_TARGET，跳过发布" || step_publish ;;
  *) fail "不认识的步骤 $1；可用 check、build、publish，或不写（全部）" ;;
esac
