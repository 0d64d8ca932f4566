print("ccgtext")
