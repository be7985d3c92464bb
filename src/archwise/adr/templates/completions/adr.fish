# fish completion for `adr` (archwise's drop-in for adr-tools).
# Install: archwise adr completion fish > ~/.config/fish/completions/adr.fish
function __adr_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    if test (count $words) -le 2
        string split ' ' -- (_adr_autocomplete adr $words[2..-1] $current)
    end
end

complete -c adr -f -a '(__adr_complete)'
