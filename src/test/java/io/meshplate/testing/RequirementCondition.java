package io.meshplate.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link Requires}: enabled when everything is there, disabled outside CI, failing in CI. */
final class RequirementCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    List<String> missing = new ArrayList<>();
    context.getElement()
        .flatMap(element -> AnnotationSupport.findAnnotation(element, Requires.class))
        .ifPresent(requires -> {
          for (Requirement requirement : requires.value()) {
            if (requirement.find().isEmpty()) {
              missing.add(requirement.missing());
            }
          }
        });
    return decide(missing, "true".equalsIgnoreCase(System.getenv("CI")));
  }

  /** Enabled when nothing is missing; else disabled with the reason, or in CI a failure. */
  static ConditionEvaluationResult decide(List<String> missing, boolean ci) {
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("requirements present");
    }
    String reason = String.join("; ", missing);
    if (ci) {
      throw new ExtensionConfigurationException(reason + "; CI (CI=true) must provide it (see .ci/run)");
    }
    return ConditionEvaluationResult.disabled(reason + "; skipped outside CI");
  }
}
