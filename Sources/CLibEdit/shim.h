#ifndef IPDR_CLIBEDIT_SHIM_H
#define IPDR_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <editline/readline.h>
#endif
