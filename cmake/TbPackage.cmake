# Install-side packaging for plugin authors: the CMake package TransformerBench
# (target TransformerBench::plugin_api, the imported executable
# TransformerBench::transformer-bench and the helpers of TransformerBenchPlugin.cmake)
# and the pkg-config file transformer-bench-plugin.pc. The host library tb_host is
# not exported: a plugin needs only the ABI header.
include(CMakePackageConfigHelpers)

set(TB_CMAKE_PACKAGE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/TransformerBench")
set(TB_PKGCONFIG_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
set(tb_package_build_dir "${CMAKE_BINARY_DIR}/package")

# The ABI version, read from the header so that the package cannot disagree with it.
file(STRINGS "${PROJECT_SOURCE_DIR}/plugin_api/include/transformer_bench/backend.h" tb_abi_version_lines
  REGEX "^#define TB_ABI_VERSION_(MAJOR|MINOR) [0-9]+$")
foreach(line IN LISTS tb_abi_version_lines)
  if(line MATCHES "^#define TB_ABI_VERSION_(MAJOR|MINOR) ([0-9]+)$")
    set(TB_ABI_VERSION_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
  endif()
endforeach()
if(NOT DEFINED TB_ABI_VERSION_MAJOR OR NOT DEFINED TB_ABI_VERSION_MINOR)
  message(FATAL_ERROR "cannot read TB_ABI_VERSION_MAJOR and TB_ABI_VERSION_MINOR from backend.h")
endif()

install(EXPORT TransformerBenchTargets
  NAMESPACE TransformerBench::
  FILE TransformerBenchTargets.cmake
  DESTINATION "${TB_CMAKE_PACKAGE_INSTALL_DIR}")

configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/TransformerBenchConfig.cmake.in"
  "${tb_package_build_dir}/TransformerBenchConfig.cmake"
  INSTALL_DESTINATION "${TB_CMAKE_PACKAGE_INSTALL_DIR}"
  PATH_VARS CMAKE_INSTALL_BINDIR CMAKE_INSTALL_INCLUDEDIR TB_PLUGIN_INSTALL_DIR)
# The project is pre-1.0, so a request for 0.1 accepts any 0.x; the plugin ABI has
# its own version, which the host checks when it loads a plugin.
write_basic_package_version_file(
  "${tb_package_build_dir}/TransformerBenchConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion)
install(FILES
  "${tb_package_build_dir}/TransformerBenchConfig.cmake"
  "${tb_package_build_dir}/TransformerBenchConfigVersion.cmake"
  "${CMAKE_CURRENT_LIST_DIR}/TransformerBenchPlugin.cmake"
  DESTINATION "${TB_CMAKE_PACKAGE_INSTALL_DIR}")

# pkg-config resolves ${pcfiledir} to the folder of the .pc file, so the file works
# from any install prefix, including `cmake --install --prefix`.
file(RELATIVE_PATH TB_PKGCONFIG_PREFIX_FROM_PCFILEDIR "/prefix/${TB_PKGCONFIG_INSTALL_DIR}" "/prefix")
string(REGEX REPLACE "/$" "" TB_PKGCONFIG_PREFIX_FROM_PCFILEDIR "${TB_PKGCONFIG_PREFIX_FROM_PCFILEDIR}")
configure_file("${CMAKE_CURRENT_LIST_DIR}/transformer-bench-plugin.pc.in"
  "${tb_package_build_dir}/transformer-bench-plugin.pc" @ONLY)
install(FILES "${tb_package_build_dir}/transformer-bench-plugin.pc" DESTINATION "${TB_PKGCONFIG_INSTALL_DIR}")
