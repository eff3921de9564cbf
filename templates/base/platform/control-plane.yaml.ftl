<#--
  The control plane with the hardening of policy catalogue §5.1/§5.2, once per overlay.
  OSSM 2: ServiceMeshControlPlane (mTLS control and data plane, automtls, REGISTRY_ONLY,
  ThirdParty tokens, operator-managed NetworkPolicies off so the tenant policies are the only
  ones, no shared gateways, mesh Prometheus/Grafana off in favour of user-workload monitoring,
  Kiali view-only, sampling from the overlay, gateways scoped to their namespace) and a
  RoleBinding giving Argo CD's controller `use` on it (needed to create ServiceMeshMembers).
  OSSM 3: Sail Istio (same intent through meshConfig, discovery selectors, local exportTo
  defaults), IstioRevisionTag `default` (namespaces keep istio.io/rev across upgrades), IstioCNI.
  Reads: env.mesh, env.controlPlaneTls, env.telemetry.meshTracingPercent, env.argocd.
-->
<#import "/lib/mesh.ftl" as mesh>
<#import "/lib/yaml.ftl" as y>
<#if mesh.ossm2()>
---
apiVersion: maistra.io/v2
kind: ServiceMeshControlPlane
metadata:
  name: ${env.mesh.controlPlaneName}
  namespace: ${env.mesh.controlPlaneNamespace}
spec:
  version: ${env.mesh.version}
  mode: MultiTenant
  security:
    manageNetworkPolicy: false
    identity:
      type: ThirdParty
    trust:
      domain: ${env.mesh.trustDomain}
    dataPlane:
      mtls: true
      automtls: true
    controlPlane:
      mtls: true
      tls:
        minProtocolVersion: ${env.controlPlaneTls.minProtocolVersion}
        cipherSuites:
<#list env.controlPlaneTls.cipherSuites as c>
        - ${c}
</#list>
  proxy:
    networking:
      trafficControl:
        outbound:
          policy: REGISTRY_ONLY
  tracing:
    type: None
    sampling: ${y.int((env.telemetry.meshTracingPercent * 100)?round)}
  gateways:
    enabled: false
    openshiftRoute:
      enabled: false
  addons:
    prometheus:
      enabled: false
    grafana:
      enabled: false
    kiali:
      enabled: true
      install:
        dashboard:
          viewOnly: true
  runtime:
    components:
      pilot:
        container:
          env:
            PILOT_SCOPE_GATEWAY_TO_NAMESPACE: "true"
            PILOT_FILTER_GATEWAY_CLUSTER_CONFIG: "true"
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: argocd-mesh-user
  namespace: ${env.mesh.controlPlaneNamespace}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: mesh-user
subjects:
- kind: ServiceAccount
  name: ${env.argocd.controllerServiceAccount}
  namespace: ${env.argocd.namespace}
<#else>
---
apiVersion: sailoperator.io/v1
kind: Istio
metadata:
  name: ${env.mesh.controlPlaneName}
spec:
  namespace: ${env.mesh.controlPlaneNamespace}
  version: ${env.mesh.version}
  updateStrategy:
    type: RevisionBased
  values:
    meshConfig:
      trustDomain: ${env.mesh.trustDomain}
      outboundTrafficPolicy:
        mode: REGISTRY_ONLY
      discoverySelectors:
      - matchLabels:
          ${env.mesh.discoveryLabel}: enabled
      defaultVirtualServiceExportTo:
      - .
      defaultDestinationRuleExportTo:
      - .
      meshMTLS:
        minProtocolVersion: ${env.mesh.meshMtlsMinProtocolVersion}
      tlsDefaults:
        minProtocolVersion: ${env.ingress.minProtocolVersion}
        ecdhCurves:
        - X25519
        - P-256
      pathNormalization:
        normalization: ${env.mesh.pathNormalization}
      enablePrometheusMerge: true
    pilot:
      env:
        PILOT_SCOPE_GATEWAY_TO_NAMESPACE: "true"
        PILOT_FILTER_GATEWAY_CLUSTER_CONFIG: "true"
---
apiVersion: sailoperator.io/v1
kind: IstioRevisionTag
metadata:
  name: ${env.mesh.revision}
spec:
  targetRef:
    kind: Istio
    name: ${env.mesh.controlPlaneName}
---
apiVersion: sailoperator.io/v1
kind: IstioCNI
metadata:
  name: default
spec:
  namespace: istio-cni
  version: ${env.mesh.version}
</#if>
