from toll.launch import main

main()
