flag = TRUE
