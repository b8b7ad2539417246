# Language level and definitions every Quire target shares. Targets link quire_settings privately.
add_library(quire_settings INTERFACE)
target_compile_features(quire_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_include_directories(quire_settings INTERFACE "${PROJECT_SOURCE_DIR}/src")
# Boost 1.74's Asio misses <utility> under g++ 12 in C++20 mode; RESTinio and SOCI pull it in.
target_compile_options(quire_settings INTERFACE -include utility)
# -O2 rather than CMake's -O3 for Release: g++ 12 at -O3 raises false -Wrestrict warnings inside
# std::string (GCC bug 105329), which -Werror turns into failures.
set(CMAKE_CXX_FLAGS_RELEASE "-O2 -DNDEBUG")
