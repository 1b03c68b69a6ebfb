/* empty.c - a program that does nothing: what starting a process costs on this machine, for
 * bench/status.sh to compare gutskin's start with. */
int main(void)
{
    return 0;
}
