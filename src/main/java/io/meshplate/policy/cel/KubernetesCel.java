package io.meshplate.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CEL environment of CRD validation rules: standard CEL with its macros ({@code has},
 * {@code all}, {@code exists}, {@code exists_one}, {@code map}, {@code filter}), cross-type
 * numeric comparison and substring regex matching as in Kubernetes, the strings extension
 * ({@code substring}, {@code indexOf}, ...), and the Kubernetes URL functions. Variables
 * {@code self} and {@code oldSelf} are untyped ({@code dyn}): values carry the types the schema
 * gives them (see {@link CrdRules}).
 *
 * <p>Every expression is compiled once per process, however many CRDs and objects use it (the
 * Istio CRDs repeat the same few dozen rules hundreds of times).
 */
final class KubernetesCel {
  /**
   * A compiled expression.
   *
   * @param program null when the expression does not compile here
   * @param transition whether it reads {@code oldSelf} (only evaluated on updates)
   * @param error why it does not compile, or null
   */
  record Compiled(Program program, boolean transition, String error) {
    Object eval(Object self) throws CelEvaluationException {
      return program.eval(Map.of("self", self));
    }
  }

  private static final Map<String, Compiled> COMPILED = new ConcurrentHashMap<>();

  private KubernetesCel() {}

  static Compiled compile(String expression) {
    return COMPILED.computeIfAbsent(expression, KubernetesCel::compileNow);
  }

  private static Compiled compileNow(String expression) {
    Cel cel = Environment.CEL;
    CelValidationResult result = cel.compile(expression);
    if (result.hasError()) {
      return new Compiled(null, false, result.getErrorString());
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      boolean transition = ast.getReferenceMap().values().stream().anyMatch(ref -> ref.name().equals("oldSelf"));
      return new Compiled(cel.createProgram(ast), transition, null);
    } catch (CelValidationException | CelEvaluationException e) {
      return new Compiled(null, false, e.getMessage());
    }
  }

  /** Built on first use: a render without --schemas never pays for it. */
  private static final class Environment {
    static final Cel CEL = CelFactory.plannerCelBuilder()
        .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addCompilerLibraries(CelExtensions.strings())
        .addRuntimeLibraries(CelExtensions.strings())
        .addVar("self", SimpleType.DYN)
        .addVar("oldSelf", SimpleType.DYN)
        .addFunctionDeclarations(KubernetesUrls.declarations())
        .addFunctionBindings(KubernetesUrls.bindings())
        .build();
  }
}
