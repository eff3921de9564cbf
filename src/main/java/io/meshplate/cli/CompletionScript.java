package io.meshplate.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * picocli's bash/zsh completion script, with overlay and tenant names read from the project on
 * disk at completion time. picocli embeds completion candidates when the script is generated,
 * which would go stale as tenants come and go; instead the cases of the options naming an
 * overlay or a tenant call a small shell function listing {@code templates/overlays/*} and
 * {@code tenants/*.yaml} below {@code --root} (default: the current directory).
 */
final class CompletionScript {
  private static final String LISTER = """

      # meshplate: overlay and tenant names, read from the project on disk at each completion
      # (below --root DIR when the command line names one, else the current directory).
      function _meshplate_project_names() {
        local root="." i word path
        for ((i = 1; i < COMP_CWORD; i++)); do
          word="${COMP_WORDS[i]}"
          if [ "$word" = "--root" ]; then
            if [ "${COMP_WORDS[i+1]}" = "=" ]; then root="${COMP_WORDS[i+2]}"; else root="${COMP_WORDS[i+1]}"; fi
          elif [[ "$word" == --root=* ]]; then
            root="${word#--root=}"
          fi
        done
        root="${root/#\\~/$HOME}"
        local names=()
        case "$1" in
          overlays)
            for path in "$root"/templates/overlays/*/; do
              [ -d "$path" ] && path="${path%/}" && names+=("${path##*/}")
            done ;;
          tenants)
            for path in "$root"/tenants/*.yaml; do
              [ -f "$path" ] && path="${path##*/}" && names+=("${path%.yaml}")
            done ;;
        esac
        local IFS=$'\\n'
        COMPREPLY=( $(compgen -W "${names[*]}" -- "${COMP_WORDS[COMP_CWORD]}") )
      }
      """;

  /** The case of an option whose value picocli leaves uncompleted: {@code 'x'|'--y')  return  ;;}. */
  private static final String EMPTY_CASE = "(\\n(\\s+)%s\\)\\n)\\s+return\\n";

  private CompletionScript() {}

  static String bash(CommandLine root) {
    String script = AutoComplete.bash(root.getCommandName(), root);
    script = dynamic(script, "'-e'|'--env'", "overlays");
    script = dynamic(script, "'-t'|'--tenant'", "tenants");
    script = dynamic(script, "'--allow-deletion'", "tenants");
    int entry = script.indexOf("\n# Bash completion entry point function.");
    if (entry < 0) {
      throw new IllegalStateException("picocli's completion script changed: no entry point comment");
    }
    return script.substring(0, entry) + LISTER + script.substring(entry);
  }

  private static String dynamic(String script, String optionCase, String names) {
    Matcher m = Pattern.compile(String.format(EMPTY_CASE, Pattern.quote(optionCase))).matcher(script);
    if (!m.find()) {
      throw new IllegalStateException("picocli's completion script changed: no case for " + optionCase);
    }
    return m.replaceAll(mr -> Matcher.quoteReplacement(
        mr.group(1) + mr.group(2) + "  _meshplate_project_names " + names + "\n" + mr.group(2) + "  return $?\n"));
  }
}
