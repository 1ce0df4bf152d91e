# bash completion for raingan(1): commands, each command's options (read
# from `raingan COMMAND --help`, so they never go stale), option values
# (alignments, the indicator numbers of the source on the line, template
# names from the data folder), and files: *.xml sources, *.txt for typeset,
# *.pdf outputs, folders, fonts, word lists, ICC profiles.
# Installed as share/bash-completion/completions/raingan.
shopt -s extglob

_raingan_files() # _raingan_files 'GLOB-PATTERN' : matching files and folders
{
    local IFS=$'\n' cur=${COMP_WORDS[COMP_CWORD]}
    COMPREPLY+=($(compgen -d -- "$cur"))
    COMPREPLY+=($(compgen -f -X "!$1" -- "$cur"))
    compopt -o filenames 2>/dev/null
}

_raingan_templates()
{
    local dir
    dir=$(raingan version 2>/dev/null | sed -n 's/^data: //p')
    [ -d "$dir/templates" ] || return
    local t names=()
    for t in "$dir"/templates/*.xml; do
        t=${t##*/}
        names+=("${t%.xml}")
    done
    COMPREPLY=($(compgen -W "${names[*]}" -- "${COMP_WORDS[COMP_CWORD]}"))
}

_raingan()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local commands="render typeset check score batch preview archive version help"
    local extra
    extra=$(raingan help 2>/dev/null | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
    [ -n "$extra" ] && commands=$extra
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands -h --help -V --version" -- "$cur"))
        return
    fi
    local cmd=${COMP_WORDS[1]} w
    if [ "$cmd" = help ]; then
        [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return
    fi
    case $prev in
    -o | --output)
        if [ "$cmd" = batch ]; then
            compopt -o dirnames 2>/dev/null
            COMPREPLY=($(compgen -d -- "$cur"))
        else
            _raingan_files '*.pdf'
        fi
        return ;;
    --font | --font-bold | --fallback) _raingan_files '*.@(ttf|otf|TTF|OTF)'; return ;;
    --family) # the installed families, as fontconfig names them
        local IFS=$'\n'
        COMPREPLY=($(compgen -W "$(fc-list : family 2>/dev/null | cut -d, -f1 | sort -u)" -- "$cur"))
        return ;;
    --words) _raingan_files '*.txt'; return ;;
    --data-dir | --files-root | --studio-dir | --js-dir) compopt -o dirnames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --icc) _raingan_files '*.@(icc|icm)'; return ;;
    --manifest) _raingan_files '*.json'; return ;;
    --front-labels) COMPREPLY=($(compgen -W "thai roman" -- "$cur")); return ;;
    --token-file) _raingan_files '*'; return ;;
    --template) _raingan_templates; return ;;
    -a | --align)
        COMPREPLY=($(compgen -W "left right center justify thai-distributed" -- "$cur"))
        return ;;
    -i | --indicator) # the indicator numbers of the sources already on the line
        local nums=""
        for w in "${COMP_WORDS[@]:2}"; do
            [ -f "$w" ] && nums+=" $(grep -o '<indicator [^>]*number="[^"]*"' "$w" 2>/dev/null |
                sed 's/.*number="\([^"]*\)"/\1/')"
        done
        COMPREPLY=($(compgen -W "$nums" -- "$cur"))
        return ;;
    -j | --jobs | --max-pages | --interval | --max-renders | -w | --width | -s | --size | \
        --title | -p | --port | --listen | --queue | --max-body | --timeout | \
        --max-connections | --workers | --lang)
        [ "$cmd" = preview ] && [ "$prev" = -w ] || return ;;
    esac
    if [[ $cur == -* ]]; then
        local opts
        opts=$(raingan "$cmd" --help 2>/dev/null | grep -o -- '^ *-[-a-zA-Z0-9]*\(, --[-a-z0-9]*\)\?' |
            tr -d ',' | tr ' ' '\n' | grep -- '^-')
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    case $cmd in
    typeset) _raingan_files '*.txt' ;;
    version) ;;
    *) _raingan_files '*.xml' ;;
    esac
}
complete -F _raingan raingan
