package io.meshplate.reach;

import java.util.Objects;

/**
 * An object that decided a verdict, as printed: {@code output/prod/tenants/payments/authorization-policy.yaml:14}
 * and {@code AuthorizationPolicy/payments-prod/api-allow}.
 *
 * @param file relative to the project root
 * @param line 1-based, 0 when unknown
 * @param object {@code Kind/namespace/name}, or a descriptor path for declared intent
 */
public record Origin(String file, int line, String object) implements Comparable<Origin> {
  // Written out, as Ref's are: a record's generated equals and hashCode go through method handles,
  // linked on the first call and slow under the quick compiler.
  @Override
  public boolean equals(Object other) {
    return other instanceof Origin o && line == o.line && Objects.equals(file, o.file)
        && Objects.equals(object, o.object);
  }

  @Override
  public int hashCode() {
    return (Objects.hashCode(file) * 31 + line) * 31 + Objects.hashCode(object);
  }

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
