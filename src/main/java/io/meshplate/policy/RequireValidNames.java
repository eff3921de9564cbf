package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.policy.PlacedObject.Fields;
import io.meshplate.yaml.Messages;
import java.util.List;
import java.util.Map;

/**
 * Every rendered object's name is valid for its kind ({@link KubernetesNames}) and every label
 * value is a valid label value. The guardrails check the names derived from descriptors before
 * rendering, at the descriptor line ({@link DerivedNames}); this holds whatever a template or
 * an overlay patch names, so no object the API server would refuse reaches {@code output/}.
 */
final class RequireValidNames implements Invariant {
  @Override
  public String rule() {
    return "INV-OBJECT-NAME";
  }

  @Override
  public void check(RenderedObjects objects, List<Problem> problems) {
    for (PlacedObject placed : objects.all) {
      String name = placed.key().name();
      KubernetesNames rule = KubernetesNames.forKind(placed.groupKind());
      if (rule.tooLong(name)) {
        problems.add(placed.problem(rule(), "the name is " + name.length() + " characters, the limit for "
            + rule.grammar() + " is " + rule.maxLength(), "shorten the name the template derives"));
      } else {
        rule.whyInvalid(name).ifPresent(why -> problems.add(placed.problem(rule(),
            "the name " + why + ", as Kubernetes requires of " + rule.grammar(), "change the name the template derives")));
      }
      for (Map.Entry<?, ?> label : Fields.map(placed.object(), "metadata").entrySet()) {
        if (!"labels".equals(label.getKey()) || !(label.getValue() instanceof Map<?, ?> labels)) {
          continue;
        }
        labels.forEach((key, value) -> {
          String text = String.valueOf(value);
          String why = KubernetesNames.LABEL_VALUE.tooLong(text) ? "is longer than 63 characters"
              : KubernetesNames.LABEL_VALUE.whyInvalid(text).orElse(null);
          if (why != null) {
            problems.add(placed.problem(rule(), "label " + Messages.escape(String.valueOf(key)) + " has the value '"
                + Messages.escape(text) + "', which " + why, "label values are at most 63 letters, digits, '-', '_' and '.'"));
          }
        });
      }
    }
  }
}
