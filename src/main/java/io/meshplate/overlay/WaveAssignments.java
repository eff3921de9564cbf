package io.meshplate.overlay;

import io.meshplate.Problem;
import io.meshplate.descriptor.Tenant;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which tenant moves with which wave, checked across descriptors and overlays before anything
 * renders (guardrails, exit 4):
 *
 * <ul>
 *   <li>{@value #RULE_UNKNOWN_WAVE}: a descriptor's {@code spec.upgradeWave} names a wave the
 *       overlay's rollout declares (overlays without a rollout ignore it).
 *   <li>{@value #RULE_CONFLICT}: a tenant the platform assigns to one wave does not choose another.
 * </ul>
 *
 * A problem of one descriptor value found in several overlays is reported once, listing them. A
 * wave assigning a tenant that does not render to the overlay is no error (removing a tenant
 * must not need a platform change in the same pull request): {@code meshplate waves} lists it.
 */
public final class WaveAssignments {
  static final String RULE_UNKNOWN_WAVE = "WAVES-UNKNOWN-WAVE";
  static final String RULE_CONFLICT = "WAVES-ASSIGNMENT-CONFLICT";

  private WaveAssignments() {}

  /** Every assignment problem, sorted; empty when each tenant's wave is clear. */
  public static List<Problem> check(List<Tenant> tenants, OverlayCatalog overlays) {
    SortedMap<Problem, SortedSet<String>> found = new TreeMap<>();
    List<Problem> problems = new ArrayList<>();
    for (OverlayChain chain : overlays.chains().values()) {
      Rollout rollout = Rollout.of(chain).orElse(null);
      if (rollout == null) {
        continue;
      }
      for (Tenant tenant : tenants) {
        if (!chain.includes(tenant.spec())) {
          continue;
        }
        String choice = chain.effectiveSpec(tenant).upgradeWave();
        if (choice == null) {
          continue;
        }
        String pointer = choicePointer(tenant, chain);
        String waves = String.join(", ", rollout.waves().stream().map(Rollout.Wave::name).toList());
        if (rollout.wave(choice).isEmpty()) {
          found.computeIfAbsent(descriptorProblem(tenant, pointer, RULE_UNKNOWN_WAVE,
              "tenant '" + tenant.name() + "' chooses upgrade wave '" + choice + "', which the rollout does not declare",
              "choose one of " + waves), k -> new TreeSet<>()).add(chain.name());
          continue;
        }
        rollout.assignedWave(tenant.name()).filter(w -> !w.name().equals(choice)).ifPresent(assigned ->
            found.computeIfAbsent(descriptorProblem(tenant, pointer, RULE_CONFLICT,
                "tenant '" + tenant.name() + "' chooses upgrade wave '" + choice + "', but the platform assigns it to wave '"
                    + assigned.name() + "'", "remove spec.upgradeWave, or ask the platform team to move it"),
                k -> new TreeSet<>()).add(chain.name()));
      }
    }
    found.forEach((problem, where) -> problems.add(new Problem(problem.file(), problem.line(), problem.column(), problem.rule(),
        problem.message() + (where.size() == 1 ? " in overlay " : " in overlays ") + String.join(", ", where), problem.hint())));
    problems.sort(null);
    return problems;
  }

  /** Where the tenant's choice for this overlay is written: the most specific override, else the spec. */
  private static String choicePointer(Tenant tenant, OverlayChain chain) {
    List<String> names = chain.names();
    for (int i = names.size() - 1; i >= 0; i--) {
      String pointer = SourceMap.child(SourceMap.child("/spec/environmentOverrides", names.get(i)), "upgradeWave");
      if (tenant.positions().contains(pointer)) {
        return pointer;
      }
    }
    return "/spec/upgradeWave";
  }

  private static Problem descriptorProblem(Tenant tenant, String pointer, String rule, String message, String hint) {
    SourceMap.Position at = tenant.positions().value(pointer);
    return new Problem(tenant.file(), at.line(), at.column(), rule, message, hint);
  }
}
