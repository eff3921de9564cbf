<#--
  Mesh target facts (policy catalogue §1): which apiVersion each Istio API group uses and how a
  namespace joins the mesh. Reads env.mesh.target: ossm-2.x (Maistra) or ossm-3.x / istio-1.2x+.
-->
<#function ossm2>
  <#if env.mesh.target?matches("ossm-2\\.[56]")><#return true></#if>
  <#if env.mesh.target?matches("ossm-3\\.[0-9]+|istio-1\\.(2[2-9]|[3-9][0-9])")><#return false></#if>
  <#stop "unknown mesh target: " + env.mesh.target>
</#function>
<#function api group>
  <#if ossm2()>
    <#return {"networking": "networking.istio.io/v1beta1", "security": "security.istio.io/v1beta1", "telemetry": "telemetry.istio.io/v1alpha1"}[group]>
  </#if>
  <#return {"networking": "networking.istio.io/v1", "security": "security.istio.io/v1", "telemetry": "telemetry.istio.io/v1"}[group]>
</#function>
