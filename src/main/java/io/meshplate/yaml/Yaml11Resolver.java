package io.meshplate.yaml;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Resolves plain scalars the way a lenient YAML 1.1 reader would (Kubernetes reads manifests with
 * one). The canonical writer uses it to decide quoting: a string that this resolver would read as
 * anything but a string is quoted, so {@code no}, {@code 0755}, {@code 1:20} or {@code 2026-01-01}
 * survive as strings in every reader.
 */
final class Yaml11Resolver implements ScalarResolver {
  static final Tag TIMESTAMP = new Tag(Tag.PREFIX + "timestamp");
  static final Tag MERGE_OR_VALUE = new Tag(Tag.PREFIX + "merge");

  /** What YAML 1.1 reads as null: {@code ~}, {@code null}, {@code Null}, {@code NULL}, nothing. */
  private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL", "");
  /** What YAML 1.1 reads as a boolean, in any letter case (the regular expression (?i:…) of the spec). */
  private static final Set<String> BOOLS = Set.of("y", "n", "yes", "no", "true", "false", "on", "off");
  private static final Pattern INT =
      Pattern.compile(
          "^(?:[-+]?0b[0-1_]+"
              + "|[-+]?0[0-7_]+"
              + "|[-+]?(?:0|[1-9][0-9_]*)"
              + "|[-+]?0x[0-9a-fA-F_]+"
              + "|[-+]?0o[0-7_]+"
              + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
              + "|[-+]?[0-9][0-9_]*)$");
  private static final Pattern FLOAT =
      Pattern.compile(
          "^(?:[-+]?(?:[0-9][0-9_]*\\.[0-9_]*|\\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?"
              + "|[-+]?[0-9][0-9_]*(?:\\.[0-9_]*)?[eE][-+]?[0-9]+"
              + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
              + "|[-+]?\\.(?i:inf)"
              + "|\\.(?i:nan))$");
  private static final Pattern TIMESTAMP_PATTERN =
      Pattern.compile(
          "^(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
              + "(?:(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
              + "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$");

  @Override
  public Tag resolve(String value, Boolean implicit) {
    if (!implicit) {
      return Tag.STR;
    }
    if (isNull(value)) {
      return Tag.NULL;
    }
    char first = value.charAt(0);
    boolean numberLike = (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
    if (numberLike) {
      if (INT.matcher(value).matches()) {
        return Tag.INT;
      }
      if (FLOAT.matcher(value).matches()) {
        return Tag.FLOAT;
      }
      if (TIMESTAMP_PATTERN.matcher(value).matches()) {
        return TIMESTAMP;
      }
    }
    if (value.length() <= 5 && isBool(value)) {
      return Tag.BOOL;
    }
    if ("<<".equals(value) || "=".equals(value)) {
      return MERGE_OR_VALUE;
    }
    return Tag.STR;
  }

  private static boolean isNull(String value) {
    return value.length() <= 4 && NULLS.contains(value);
  }

  private static boolean isBool(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) > 0x7f) {
        return false; // the pattern folds ASCII letters only
      }
    }
    return BOOLS.contains(value.toLowerCase(Locale.ROOT));
  }

  /** Whether a YAML 1.1 reader could take this plain scalar for anything but a string. */
  static boolean readsAsNonString(String value) {
    if (value.isEmpty()) {
      return true;
    }
    char first = value.charAt(0);
    boolean numberLike = (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
    if (!numberLike && value.length() > 5 && !"<<".equals(value)) {
      return false; // no null, boolean or merge key is longer than five characters
    }
    if (numberLike && value.length() > 5 && !onlyNumberCharacters(value)) {
      return false; // no int, float or timestamp holds another character (10.0.0.0/8, 5m)
    }
    return !Tag.STR.equals(INSTANCE.resolve(value, true));
  }

  /**
   * Whether every character can occur in a YAML 1.1 int, float or timestamp: digits, signs,
   * {@code . _ :}, the letters of {@code 0x 0b 0o}, hex digits, exponents, {@code .inf},
   * {@code .nan}, and a timestamp's {@code T}, {@code Z}, spaces and tabs.
   */
  private static boolean onlyNumberCharacters(String value) {
    for (int i = 0; i < value.length(); i++) {
      if ("0123456789+-._:xXoObBaAcCdDeEfFiInNtTzZ \t".indexOf(value.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static final Yaml11Resolver INSTANCE = new Yaml11Resolver();
}
