package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.descriptor.Tenant;
import io.meshplate.yaml.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derived names Kubernetes would refuse ({@link DerivedNames}), collected over all placements
 * and reported once per descriptor value and reason: a tenant name too long for every
 * namespace suffix is one problem naming the overlays, not one per overlay.
 */
final class NameProblems {
  /** One descriptor value and what is wrong with the names derived from it. */
  private record Key(String file, String pointer, String rule, String reason) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return toString().compareTo(o.toString());
    }
  }

  /** The names of one key: what they name, the longest one, its overlay, all overlays, and the tightest limit. */
  private static final class Names {
    final Tenant tenant;
    final String valueKind;
    final SortedSet<String> what = new TreeSet<>();
    final SortedSet<String> overlays = new TreeSet<>();
    String longest = "";
    String longestOverlay;
    String grammar;
    int limit;
    int maxValueLength = Integer.MAX_VALUE;

    Names(Tenant tenant, String valueKind) {
      this.tenant = tenant;
      this.valueKind = valueKind;
    }
  }

  private final SortedMap<Key, Names> found = new TreeMap<>();

  void check(Placement placement, DerivedNames.Derived derived) {
    KubernetesNames rule = derived.row().rule();
    String name = derived.name();
    String reason;
    String ruleId;
    if (rule.tooLong(name)) {
      ruleId = "GUARD-NAME-LENGTH";
      reason = "length";
    } else {
      var invalid = rule.whyInvalid(name);
      if (invalid.isEmpty()) {
        return;
      }
      ruleId = "GUARD-NAME-INVALID";
      reason = invalid.get();
    }
    String pointer = derived.specPointer() == null ? "/metadata/name" : Guardrails.pointer(placement, derived.specPointer());
    Tenant tenant = placement.tenant();
    Names names = found.computeIfAbsent(new Key(tenant.file(), pointer, ruleId, reason),
        k -> new Names(tenant, valueKind(derived)));
    names.what.add(derived.row().what());
    names.overlays.add(placement.rules().overlay());
    if (name.length() > names.longest.length()) {
      names.longest = name;
      names.longestOverlay = placement.rules().overlay();
      names.grammar = rule.grammar();
      names.limit = rule.maxLength();
    }
    if (name.contains(derived.value())) {
      int overhead = name.length() - derived.value().length();
      names.maxValueLength = Math.min(names.maxValueLength, rule.maxLength() - overhead);
    }
  }

  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    found.forEach((key, names) -> {
      String what = String.join(" and ", names.what);
      SortedSet<String> others = new TreeSet<>(names.overlays);
      others.remove(names.longestOverlay);
      String elsewhere = others.isEmpty() ? "" : " (in overlays " + String.join(", ", others) + " too)";
      String shown = "'" + Messages.escape(names.longest) + "'";
      if (key.rule().equals("GUARD-NAME-LENGTH")) {
        problems.add(Guardrails.at(names.tenant, key.pointer(), key.rule(),
            what + " name " + shown + " in overlay '" + names.longestOverlay + "' is " + names.longest.length()
                + " characters, the limit is " + names.limit + elsewhere,
            names.maxValueLength > 0 && names.maxValueLength < Integer.MAX_VALUE
                ? "shorten the " + names.valueKind + " to at most " + names.maxValueLength + " characters"
                : "shorten the " + names.valueKind));
      } else {
        problems.add(Guardrails.at(names.tenant, key.pointer(), key.rule(),
            what + " name " + shown + " in overlay '" + names.longestOverlay + "' " + key.reason()
                + ", as Kubernetes requires of " + names.grammar + elsewhere,
            "change the " + names.valueKind + " so that the derived name is valid"
                + (key.reason().contains("start with a letter") ? ": start it with a letter" : "")));
      }
    });
    return problems;
  }

  private static String valueKind(DerivedNames.Derived derived) {
    return switch (derived.row().source()) {
      case TENANT, GATEWAY -> "tenant name";
      case SERVICE -> "service name";
      case CALL -> "called tenant or service name";
      case EGRESS_HOST, INGRESS_HOST -> "host name";
    };
  }
}
