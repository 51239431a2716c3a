# tb_add_plugin(NAME SOURCES src...): builds one backend plugin as a MODULE library
# named tb_<NAME>.so in the plugin folder of the build tree, and installs it.
# Plugins export only the ABI entry point (-fvisibility=hidden), so two plugins that
# link different copies of a library cannot bind to each other's symbols.
# The list of plugins built is kept in the global property TB_PLUGINS for the tests.
function(tb_add_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "SOURCES")
  set(target tb_plugin_${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE tb::plugin_api)
  tb_target_warnings(${target})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "tb_${name}"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY "${TB_PLUGIN_OUTPUT_DIR}")
  # Plugins must not leave undefined symbols for the host to supply.
  target_link_options(${target} PRIVATE -Wl,--no-undefined)
  install(TARGETS ${target} LIBRARY DESTINATION "${TB_PLUGIN_INSTALL_DIR}")
  set_property(GLOBAL APPEND PROPERTY TB_PLUGINS ${name})
endfunction()
