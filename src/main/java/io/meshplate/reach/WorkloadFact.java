package io.meshplate.reach;

import java.util.Map;

/**
 * A rendered workload (a Deployment): its pod labels and service account. Only gateway
 * workloads are rendered today (pod annotation {@code inject.istio.io/templates: gateway}: the
 * injector turns the pod into an Envoy gateway, to which the Sidecar resource does not apply).
 */
record WorkloadFact(Ref ref, String namespace, String name, Map<String, String> podLabels, String serviceAccount,
    boolean gateway) {

  static WorkloadFact read(Ref ref, String namespace, String name, Map<String, Object> object) {
    Map<?, ?> template = Fields.map(Fields.map(object, "spec"), "template");
    Map<?, ?> metadata = Fields.map(template, "metadata");
    String account = Fields.text(Fields.map(template, "spec"), "serviceAccountName");
    boolean gateway = "gateway".equals(Fields.labels(metadata, "annotations").get("inject.istio.io/templates"));
    return new WorkloadFact(ref, namespace, name, Fields.labels(metadata, "labels"),
        account == null ? "default" : account, gateway);
  }
}
