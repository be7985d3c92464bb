# bash completion for `adr` (archwise's drop-in for adr-tools).
# Install: archwise adr completion bash > ~/.local/share/bash-completion/completions/adr
_adr() {
  # Complete only the last word, as adr-tools' own completion does.
  if [ "${COMP_CWORD}" -eq "$((${#COMP_WORDS[@]} - 1))" ]
  then
    COMPREPLY=( $(_adr_autocomplete "${COMP_WORDS[@]}") )
  fi
}

complete -F _adr -o default adr
