/// The hook scripts pm installs, embedded in the binary.
///
/// The files in the project's `hooks/` folder are the source; a test fails when a copy here drifts from them.
enum HookScripts {
    /// `hooks/pre-commit`.
    static let preCommit = #"""
        #!/bin/sh
        # Installed by pm: checks the postmortems a commit adds or changes (pm check --staged).
        # Update with 'pm hooks install'; remove with 'pm hooks uninstall'. An earlier hook kept as
        # pre-commit.local runs first.

        # git runs hooks from the top of the working tree (from the git folder when bare), so a relative entry of PATH
        # ('.', an empty one, 'bin') would run a 'pm' (or 'git', 'cat') that the repository itself holds. Only absolute
        # folders are kept, before any command is looked up.
        set -f
        IFS=:
        absolute_path=
        for folder in $PATH; do
            case "$folder" in /*) absolute_path="${absolute_path:+$absolute_path:}$folder" ;; esac
        done
        unset IFS
        set +f
        PATH=$absolute_path
        export PATH

        hook_dir=$(dirname -- "$0")
        if [ -x "$hook_dir/pre-commit.local" ]; then
            "$hook_dir/pre-commit.local" "$@" || exit $?
        fi

        if ! command -v pm >/dev/null 2>&1; then
            echo "pm: this repository checks postmortems before each commit, but 'pm' is not on PATH (only its absolute folders count)." >&2
            echo "pm: install it ('make install' in pm's source folder puts it in /usr/local/bin) and commit again," >&2
            echo "pm: or commit without the check with 'git commit --no-verify'." >&2
            exit 1
        fi

        if ! pm check --staged; then
            echo "pm: commit refused: fix the postmortem(s) above, 'git add' them, and commit again." >&2
            echo "pm: to commit anyway: git commit --no-verify" >&2
            exit 1
        fi
        """#

    /// `hooks/pre-push`.
    static let prePush = #"""
        #!/bin/sh
        # Installed by pm: checks the postmortems changed by the commits being pushed (pm check --rev).
        # Update with 'pm hooks install'; remove with 'pm hooks uninstall'. An earlier hook kept as
        # pre-push.local runs first.

        # git runs hooks from the top of the working tree (from the git folder when bare), so a relative entry of PATH
        # ('.', an empty one, 'bin') would run a 'pm' (or 'git', 'cat') that the repository itself holds. Only absolute
        # folders are kept, before any command is looked up.
        set -f
        IFS=:
        absolute_path=
        for folder in $PATH; do
            case "$folder" in /*) absolute_path="${absolute_path:+$absolute_path:}$folder" ;; esac
        done
        unset IFS
        set +f
        PATH=$absolute_path
        export PATH

        zero=0000000000000000000000000000000000000000
        hook_dir=$(dirname -- "$0")
        input=$(cat)

        if [ -x "$hook_dir/pre-push.local" ]; then
            printf '%s\n' "$input" | "$hook_dir/pre-push.local" "$@" || exit $?
        fi

        if ! command -v pm >/dev/null 2>&1; then
            echo "pm: this repository checks postmortems before each push, but 'pm' is not on PATH (only its absolute folders count)." >&2
            echo "pm: install it ('make install' in pm's source folder puts it in /usr/local/bin) and push again," >&2
            echo "pm: or push without the check with 'git push --no-verify'." >&2
            exit 1
        fi

        printf '%s\n' "$input" | {
            status=0
            while IFS= read -r line; do
                # <local ref> <local sha> <remote ref> <remote sha>: the local ref is what the user typed and may hold
                # spaces (HEAD^{/fix bug}), the other three never do, so the line is taken apart from the right.
                remote_sha=${line##* }
                rest=${line% *}
                rest=${rest% *} # the remote ref
                local_sha=${rest##* }
                local_ref=${rest% *}
                [ -n "$local_sha" ] || continue
                case "$local_sha" in *[!0]*) ;; *) continue ;; esac # a deleted branch: nothing to check
                range="$zero..$local_sha"                            # a new branch: what no other ref has
                case "$remote_sha" in
                    *[!0]*)
                        if git cat-file -e "$remote_sha^{commit}" 2>/dev/null; then
                            range="$remote_sha..$local_sha"
                        fi
                        ;;
                esac
                pm check --rev "$range"
                case $? in
                    0) ;;
                    1)
                        printf 'pm: push refused: %s has postmortems that break the rules above.\n' "$local_ref" >&2
                        status=1
                        ;;
                    *)
                        printf 'pm: push refused: %s could not be checked (the error is above).\n' "$local_ref" >&2
                        status=1
                        ;;
                esac
            done
            exit "$status"
        } || {
            echo "pm: fix them in new commits and push again; to push anyway: git push --no-verify" >&2
            exit 1
        }
        """#

    /// `hooks/pre-receive`.
    static let preReceive = #"""
        #!/bin/sh
        # Installed by pm: refuses pushes whose commits leave a postmortem that breaks the rules
        # (pm check --receive: every updated ref, whatever its namespace, for the commits no accepted ref
        # has; .pmconfig's hooks.skipRefs names namespaces not to check). For servers; works in bare repositories.
        # Update with 'pm hooks install'; remove with 'pm hooks uninstall'. An earlier hook kept as
        # pre-receive.local runs first.

        # git runs hooks from the top of the working tree (from the git folder when bare), so a relative entry of PATH
        # ('.', an empty one, 'bin') would run a 'pm' (or 'git', 'cat') that the repository itself holds. Only absolute
        # folders are kept, before any command is looked up.
        set -f
        IFS=:
        absolute_path=
        for folder in $PATH; do
            case "$folder" in /*) absolute_path="${absolute_path:+$absolute_path:}$folder" ;; esac
        done
        unset IFS
        set +f
        PATH=$absolute_path
        export PATH

        hook_dir=$(dirname -- "$0")
        input=$(cat)

        if [ -x "$hook_dir/pre-receive.local" ]; then
            printf '%s\n' "$input" | "$hook_dir/pre-receive.local" "$@" || exit $?
        fi

        if ! command -v pm >/dev/null 2>&1; then
            echo "pm: this server checks postmortems on push, but 'pm' is not on the hook's PATH (only its absolute folders count)." >&2
            echo "pm: install it on the server ('make install' in pm's source folder) or fix PATH for git." >&2
            exit 1
        fi

        # pm reads the pushed refs from stdin itself: no ref name or id passes through the shell.
        printf '%s\n' "$input" | pm check --receive
        status=$?
        if [ "$status" -gt 1 ]; then
            echo "pm: this push could not be checked (the error is above), so it is refused." >&2
        fi
        exit "$status"
        """#

    /// The marker that makes a hook pm's own: `pm hooks` replaces and removes only hooks that carry it.
    static let marker = "# Installed by pm"

    /// The script for a hook name (`pre-commit`, `pre-push`, `pre-receive`), if pm has one.
    static func script(named name: String) -> String? {
        switch name {
        case "pre-commit": return preCommit
        case "pre-push": return prePush
        case "pre-receive": return preReceive
        default: return nil
        }
    }
}
