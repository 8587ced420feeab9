# confirm EMAIL [BASE]: follows the confirmation link the app wrote to its pickup folder ($WORK/mail), as a new
# member does: an account signs in only after that. Only the link's path is used (its host is the site address).
# Sourced by common.sh, stack.sh and sessions.sh (from the repository root).
confirm() {
  local link
  link=$(grep -l "^To: $1" "$WORK"/mail/*.eml | xargs grep -ho 'http[^ "<>]*/api/auth/confirmEmail[^ "<>]*' | tail -n 1 | sed 's/&amp;/\&/g' || true)
  [ -n "$link" ] || { echo "no confirmation mail for $1" >&2; exit 1; }
  curl -sf -o /dev/null "${2:-$B}/${link#*://*/}"
}
