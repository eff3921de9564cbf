<#--
  Every pod in a tenant namespace is in the mesh, and nothing in its spec routes traffic past its
  sidecar. Without this, a pod without a sidecar is bound by no AuthorizationPolicy and no
  REGISTRY_ONLY, and only NetworkPolicies stand between it and the outside (on OSSM 2 injection is
  opt-in per pod, so forgetting one label is enough). A ValidatingAdmissionPolicy refuses, on pod
  creation in the environment's tenant namespaces:
  - a pod without the label sidecar.istio.io/inject "true" (the same contract on both mesh
    targets, so a workload moves from OSSM 2 to OSSM 3 unchanged, and no pod can opt out);
  - a pod without an istio-proxy container, i.e. one the injector did not mutate (injector down
    with failurePolicy Ignore, namespace not yet in the mesh);
  - a pod carrying one of env.admission.refusedPodAnnotations (capture exclusions, a replaced
    proxy image or bootstrap).
  Tenant namespaces are selected by the platform labels env.labelKeys.tenant (present) and
  env.labelKeys.environment (this environment); tenants cannot set either (GUARD-NAMESPACE-LABEL).
  The binding's validationActions are the platform value env.admission.validationActions.
  Names carry the environment, so two environments on one cluster do not share the object.
  Upstream facts this relies on:
  - ValidatingAdmissionPolicy and its binding are admissionregistration.k8s.io/v1 from
    Kubernetes 1.30 (OpenShift 4.17); validating admission runs after every mutating webhook,
    so the policy sees the injected pod
    (https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/).
  - OSSM 2 injects a pod of a member namespace only with the label (or annotation)
    sidecar.istio.io/inject "true" (maistra/istio-operator
    resources/helm/v2.5/istio-control/istio-discovery/templates/mutatingwebhook.yaml,
    objectSelector); OSSM 3 injects every pod of a namespace with the revision label unless the
    pod says "false", and a pod label "true" there is harmless
    (openshift-service-mesh/sail-operator docs/ossm/injection/README.md).
  - the injected container is named istio-proxy, also when it runs as a native sidecar in
    initContainers (istio/istio manifests/charts/istio-control/istio-discovery/files/
    injection-template.yaml).
  - the refused annotations and what they do:
    https://istio.io/latest/docs/reference/config/annotations/.
  Reads: environment, env.labelKeys.{tenant,environment}, env.admission.{validationActions,
  refusedPodAnnotations}.
-->
<#assign policyName = "meshplate-tenant-pods-in-mesh-" + environment>
<#assign refused = env.admission.refusedPodAnnotations?map(a -> "'" + a + "'")?join(", ")>
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: ${policyName}
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:
      - ""
      apiVersions:
      - v1
      operations:
      - CREATE
      resources:
      - pods
  validations:
  - expression: has(object.metadata.labels) && 'sidecar.istio.io/inject' in object.metadata.labels && object.metadata.labels['sidecar.istio.io/inject'] == 'true'
    message: 'pods in tenant namespaces join the mesh: label the pod template sidecar.istio.io/inject: "true"'
    reason: Forbidden
  - expression: object.spec.containers.exists(c, c.name == 'istio-proxy') || (has(object.spec.initContainers) && object.spec.initContainers.exists(c, c.name == 'istio-proxy'))
    message: the pod has no istio-proxy container, so the sidecar injector did not run; check that the namespace is in the mesh and the injector is up, then recreate the pod
    reason: Forbidden
  - expression: ${"!has(object.metadata.annotations) || !object.metadata.annotations.exists(k, k in [" + refused + "])"}
    messageExpression: ${"'pod annotations that take traffic past the sidecar or replace the proxy are not allowed in tenant namespaces: ' + object.metadata.annotations.filter(k, k in [" + refused + "]).join(', ')"}
    reason: Forbidden
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: ${policyName}
spec:
  policyName: ${policyName}
  validationActions:
<#list env.admission.validationActions as action>
  - ${action}
</#list>
  matchResources:
    namespaceSelector:
      matchExpressions:
      - key: ${env.labelKeys.tenant}
        operator: Exists
      matchLabels:
        ${env.labelKeys.environment}: ${environment}
