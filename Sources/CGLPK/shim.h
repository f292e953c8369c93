// GLPK, the GNU Linear Programming Kit (Debian's libglpk-dev): the sparse simplex solver of the joint audit.
#include <glpk.h>
