<#--
  Typed YAML scalars. Under the YAML output format every ${...} prints a double-quoted string,
  so no value can ever add YAML structure. Numbers and booleans that must stay typed go through
  these functions. This file is the only place no_esc may appear (review: grep no_esc templates/).
-->
<#function int value>
  <#if !value?is_number || value != value?int><#stop "yaml.int: not an integer"></#if>
  <#return value?c?no_esc>
</#function>
<#function num value>
  <#if !value?is_number><#stop "yaml.num: not a number"></#if>
  <#return value?c?no_esc>
</#function>
<#function bool value>
  <#if !value?is_boolean><#stop "yaml.bool: not a boolean"></#if>
  <#return value?c?no_esc>
</#function>
