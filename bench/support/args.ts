// A benchmark's options, given as --name=value (a list as --name=a,b).
const given = (name: string) => process.argv.find((value) => value.startsWith(`--${name}=`))?.split('=')[1];

export const argValue = (name: string, fallback: string): string => given(name) ?? fallback;

export const argList = (name: string, fallback: string): string[] => argValue(name, fallback).split(',').filter(Boolean);
