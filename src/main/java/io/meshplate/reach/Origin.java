package io.meshplate.reach;

/**
 * An object that decided a verdict, as printed: {@code output/prod/tenants/payments/authorization-policy.yaml:14}
 * and {@code AuthorizationPolicy/payments-prod/api-allow}.
 *
 * @param file relative to the project root
 * @param line 1-based, 0 when unknown
 * @param object {@code Kind/namespace/name}, or a descriptor path for declared intent
 */
public record Origin(String file, int line, String object) implements Comparable<Origin> {

  /** {@code file:line} (just {@code file} when the line is unknown). */
  public String location() {
    return line > 0 ? file + ":" + line : file;
  }

  @Override
  public int compareTo(Origin other) {
    int byFile = file.compareTo(other.file);
    if (byFile != 0) {
      return byFile;
    }
    return line != other.line ? Integer.compare(line, other.line) : object.compareTo(other.object);
  }
}
